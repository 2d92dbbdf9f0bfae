import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { startTestService } from '../helpers/service.js';

/**
 * Issue 12, items 3 and 4, through the simulator as residents type it: what one resident writes is
 * stored without invisible characters, and never reaches the public or another resident as they typed it
 * before staff looked at it. On the embedded defaults and on PostgreSQL.
 */
const setups = [
  { name: 'embedded (PGlite, in-process state)', db: 'embedded' as const },
  { name: 'PostgreSQL', db: 'postgres' as const },
];

const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);
const RLO = '\u202E';
const ZWSP = '\u200B';

describe.each(setups)('privacy and relayed text — $name', ({ db }) => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oPriv${randomBytes(3).toString('hex')}${++n}`);
  beforeAll(async () => {
    svc = await startTestService({}, { db, storePrefix: `t:${randomBytes(4).toString('hex')}:` });
  });
  afterAll(() => svc.stop());

  /** 报修 → category 1 (路灯照明) → description → a shared point → no photo, no phone → 提交 */
  async function fileReport(r: ReturnType<typeof someone>, description: string, at = { lat: 22.5437, lng: 113.9305, label: '南头古城3栋' }) {
    await r.follow('community_nantoucheng');
    await r.say('报修');
    await r.say('1');
    await r.say(description);
    await r.at(at.lat, at.lng, at.label);
    await r.say('跳过');
    let reply = await r.say('跳过');
    if (reply.includes('附近已有类似问题')) reply = await r.say('2');
    expect(reply).toContain('请核对');
    const filed = await r.say('1');
    expect(filed).toContain('提交成功');
    return caseNumber(filed);
  }

  const row = async (id: number) => (await svc.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;

  it('stores a description without its bidi override and zero-width characters', async () => {
    // U+202E makes 87654321831 show as 13812345678, past the phone masking; U+200B splits words
    const id = await fileReport(someone(), `3栋路灯不亮${ZWSP}，电话${RLO}87654321831`);
    const stored = await row(id);
    expect(stored.description).toBe('3栋路灯不亮，电话87654321831');
  });
});
