import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { startTestService } from '../helpers/service.js';
import { wander } from '../helpers/wanderer.js';

/**
 * The wanderer check (issue 12): the steps of tests/helpers/wanderer.ts that hold must keep
 * holding. The figure (N of M) is printed here and by `node --import tsx scripts/wanderer.ts`;
 * when a step starts to hold, add it here. Not yet holding on 2026-12-07 (other items of issue
 * 12): the lookups and 结束人工 while a person owns the chat and what follows them, the card's
 * 照片：未填写 for a photo sent at the place step, 补充到 #N for a photo sent just after filing, a
 * draft that comes back after 2 (start again) then 取消, and a location sent at the description step
 * that is not used when the place is asked.
 */
const HOLDING = [
    'a report with detours › follows the account',
    'a report with detours › free text starts a report, says what it understood, asks where',
    'a report with detours › a photo where the place was asked: asks the place again',
    'a report with detours › 查询 1 half way: answers it, asks the place again',
    'a report with detours › 我的 half way: answers it, asks the place again',
    'a report with detours › 改: offers the categories',
    'a report with detours › a category in own words (还是路灯吧): back to the place',
    'a report with detours › a voice message at the place: says so, asks the place again',
    'a report with detours › an emoji at the place: asks the place again',
    'a report with detours › a typed address: the early photo counts, asks for a phone',
    'a report with detours › another topic at the phone step (a proposal): not taken as the phone answer',
    'a report with detours › 不想留 (own words for skip): the card keeps category, description, place and the early photo',
    'a report with detours › 对的没问题: filed with a number',
    'a report with detours › the old 点这里改 tapped after filing: says how to change the filed case, no help dump',
    'a report with detours › 查询 the filed case: its category and status',
    'a report with detours › nothing lost: the stored case has what the resident said, and the photo',
    'a person called half way › follows, 报修, 1, a description: asks where',
    'a person called half way › 人工: a person is called',
    'cancels and restarts › 取消 with nothing going on: a short answer',
    'cancels and restarts › 报修: the categories',
    'cancels and restarts › 取消 before any answer: cancelled at once',
    'cancels and restarts › 报修, 3: asks the description',
    'cancels and restarts › 取消 half way: asks first',
    'cancels and restarts › 1: cancelled',
    'cancels and restarts › 报修 after a confirmed cancel: no draft comes back',
    'cancels and restarts › a problem in free text at the category question: taken as its category',
    'cancels and restarts › 提议 mid-report: the proposal starts, the report is kept',
    'cancels and restarts › 报修 again: offers the kept report',
    'things sent at the wrong step › follows, 报修, 2: asks the description',
    'things sent at the wrong step › a location at the description: asks the description, no help dump',
    'things sent at the wrong step › two photos then 好了: asks for a phone',
    'things sent at the wrong step › a photo at the phone step: asks the phone again',
];

const setups = [
  { name: 'embedded (PGlite, in-process state)', real: false },
  { name: 'real (PostgreSQL, Redis)', real: true },
];

describe.each(setups)('a resident who wanders — $name', ({ real }) => {
  let svc: Service;
  let drop = async () => {};
  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (real) {
      const db = await createPostgresDatabaseUrl();
      drop = db.drop;
      env.DATABASE_URL = db.url;
      env.REDIS_URL = TEST_REDIS_URL;
    }
    svc = await startTestService(env, { storePrefix: `t:${randomBytes(4).toString('hex')}:` });
  });
  afterAll(async () => {
    await svc.stop();
    await drop();
  });

  it('keeps holding the steps that hold', async () => {
    const results = await wander(svc, `oWander${randomBytes(3).toString('hex')}`);
    const held = results.filter((r) => r.holds);
    console.log(
      `wanderer: ${held.length} of ${results.length} steps hold` +
        results.filter((r) => !r.holds).map((r) => `\n  ✗ ${r.name}: ${r.why.join('; ')}`).join(''),
    );
    const names = results.map((r) => r.name);
    for (const name of HOLDING) expect(names, 'a listed step that the walk no longer has').toContain(name);
    for (const r of results.filter((x) => HOLDING.includes(x.name))) expect(r.why, `${r.name}\n${r.reply}`).toEqual([]);
    expect(held.length).toBeGreaterThanOrEqual(HOLDING.length);
  });
});
