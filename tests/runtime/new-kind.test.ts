import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommunities, seedCommunities } from '../../src/civic/index.js';
import { CASE_KINDS, type CaseKind } from '../../src/civic/kinds/names.js';
import type { Database } from '../../src/db/client.js';
import { formatProblem } from '../../src/engine/index.js';
import { loadFlows } from '../../src/flows/load-flows.js';
import { createLogger } from '../../src/log.js';
import { loadBotTexts } from '../../src/runtime/bot-texts.js';
import { createBot } from '../../src/runtime/bot.js';
import { ConversationStore } from '../../src/runtime/conversation-store.js';
import { followUpProblems, knownFlowNames } from '../../src/runtime/flow-names.js';
import { loadIntents } from '../../src/runtime/load-intents.js';
import { submitters } from '../../src/runtime/submitters/index.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import { openTestDatabase } from '../helpers/db.js';

const flowsDir = fileURLToPath(new URL('../../flows', import.meta.url));
const fixtureFlow = fileURLToPath(new URL('./fixtures/microfix.yaml', import.meta.url));

/**
 * A new case kind is a civic module, a flow and words: flows/<kind>.yaml (submit kind: <kind>,
 * its triggers), its intent cues in flows/intents.yaml, its goldens. This test adds a kind the
 * runtime has never heard of (microfix, 微改造: a fake kind name beside the real ones) with only such files,
 * and drives it through the real loader, intent model, submitters and dispatcher.
 */
describe('a case kind added with a flow, its cues and a name: no change in the runtime or engine', () => {
  const kinds = [...CASE_KINDS, 'microfix'] as CaseKind[];
  let dir: string;
  let database: Database;
  const store = new MemoryStore();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flows-microfix-'));
    for (const f of readdirSync(flowsDir)) if (f.endsWith('.yaml')) copyFileSync(path.join(flowsDir, f), path.join(dir, f));
    copyFileSync(fixtureFlow, path.join(dir, 'microfix.yaml'));
    // the kind's intent cues, as a section of its own in flows/intents.yaml
    const intents = parse(readFileSync(path.join(flowsDir, 'intents.yaml'), 'utf8')) as { cues: Record<string, Record<string, number>> };
    intents.cues.microfix = { 微改造: 6, 改造一下: 4, 旧改: 4 };
    writeFileSync(path.join(dir, 'intents.yaml'), stringify(intents));
    database = await openTestDatabase();
    await seedCommunities(database.db);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await store.close();
    await database.close();
  });

  const load = (known: readonly CaseKind[]) => loadFlows(dir, { known: knownFlowNames(known) });

  it('its flow loads once the kind has a name, and only then', () => {
    const loaded = load(kinds);
    expect([...loaded.problems, ...followUpProblems(loaded.flows, dir)].map(formatProblem)).toEqual([]);
    expect(loaded.flows.has('microfix')).toBe(true);
    expect(load(CASE_KINDS).problems.map(formatProblem)).toEqual([expect.stringContaining("submits kind 'microfix', which the runtime does not know")]);
  });

  it('the runtime files it like any case kind', () => {
    const texts = loadBotTexts();
    expect(Object.keys(submitters(texts, kinds))).toEqual(expect.arrayContaining([...CASE_KINDS, 'microfix', 'verdict', 'score']));
    expect(Object.keys(submitters(texts, kinds)).sort()).toEqual([...(knownFlowNames(kinds).kinds ?? [])].sort());
  });

  it('its keywords and free text start it through the dispatcher, the text answering its intentSlot', async () => {
    const { flows } = load(kinds);
    const categories = (parse(readFileSync(path.join(dir, 'categories.yaml'), 'utf8')) as { categories: { id: string }[] }).categories.map((c) => c.id);
    const bot = createBot({
      db: database.db,
      store,
      conversations: new ConversationStore(store),
      flows,
      intents: loadIntents(dir, flows, categories),
      texts: loadBotTexts(),
      logger: createLogger('silent'),
      communities: async () => (await listCommunities(database.db)).map((c) => ({ id: c.id, name: c.name, aliases: c.aliases })),
    });
    let seq = 0;
    const say = async (openid: string, content: string) => {
      const msg = { type: 'text', fromUser: openid, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(++seq), content } as InboundMessage;
      return (await bot(msg, { dedupeKey: `microfix:${seq}` })).map((m) => (m.type === 'text' ? m.content : m.type)).join('\n');
    };
    expect(await say('oFixKeyword', '微改造')).toContain('请说说想改造什么');
    const byIntent = await say('oFixIntent', '想做个旧改：3栋楼道的扶手太旧了换新的');
    expect(byIntent).toContain('哪个社区');
    expect(await say('oFixIntent', '大新')).toContain('3栋楼道的扶手太旧了换新的');
  });
});
