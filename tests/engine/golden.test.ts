import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSession, resume, start } from '../../src/engine/index.js';
import { loadFlows } from '../../src/flows/load-flows.js';
import { fakeContext } from './helpers/fake-context.js';
import { invalidEvents, readCases, summarise, type CaseFile, type Expect } from './helpers/golden-case.js';
import { lineDiff, prettyJson } from './helpers/pretty-json.js';

/**
 * The golden runner (goflow's test/runner_test.go): every flows/__tests__/<flow>.<case>.json is
 * started and resumed step by step with a sequential clock and seeded ids; between steps the session
 * goes through JSON and parseSession, as it does through Redis.
 * `UPDATE_GOLDEN=1 npx vitest run tests/engine/golden.test.ts` rewrites the expectations and
 * prints what changed.
 */
const flowsDir = fileURLToPath(new URL('../../flows', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const { flows, problems } = loadFlows(flowsDir);
const cases = readCases(`${flowsDir}/__tests__`);

function run(c: CaseFile): { actual: Expect[]; bad: string[] } {
  const flow = flows.get(c.flowId);
  if (!flow) throw new Error(`${c.file}: no flow '${c.flowId}'`);
  const ctx = fakeContext(flows, c.golden.ctx);
  let r = start(flow, c.golden.trigger, ctx);
  const actual = [summarise(r)];
  const bad = invalidEvents(r.events);
  for (const step of c.golden.steps) {
    const session = parseSession(JSON.stringify(r.session));
    r = resume(session, step.input, ctx);
    actual.push(summarise(r));
    bad.push(...invalidEvents(r.events));
  }
  return { actual, bad };
}

/** The actual sprint as the expectation states it: bare types where it has bare types, only its session keys. */
function asExpected(actual: Expect, expected: Expect): Expect {
  const events = actual.events.map((e, i) => (typeof expected.events[i] === 'string' && typeof e !== 'string' ? String(e.type) : e));
  const view: Expect = { replies: actual.replies, events };
  if (expected.session) view.session = Object.fromEntries(Object.keys(expected.session).map((k) => [k, actual.session?.[k]]));
  return view;
}

function rewrite(c: CaseFile, actual: Expect[]): void {
  const [first, ...rest] = actual;
  const steps = c.golden.steps.map((s, i) => ({ ...(s.note ? { note: s.note } : {}), input: s.input, expect: rest[i] }));
  const next = { description: c.golden.description, trigger: c.golden.trigger, ctx: c.raw.ctx, expect: first, steps };
  const before = prettyJson(c.raw);
  const after = prettyJson(next);
  if (before === after) return;
  writeFileSync(c.file, `${after}\n`);
  console.log(`updated ${c.flowId}.${c.name}\n${lineDiff(before, after).join('\n')}\n`);
}

describe('golden flow cases', () => {
  it('the flows load without problems', () => {
    expect(problems).toEqual([]);
  });

  it('every flow has the repair cases (goflow: fixture coverage)', () => {
    // a conversation the resident leads: every way of wandering off has its case
    const required = ['happy', 'invalid-handoff', 'cancel-empty', 'cancel-filled', 'reprompt', 'expire', 'draft-continue'];
    // the answer to what a push asked (triggers.followUp): the message answers at once or is let go
    const requiredFollowUp = ['happy', 'not-an-answer', 'too-long'];
    const extra: Record<string, string[]> = {
      report: ['photo-for-location', 'photo-first', 'location-aside', 'letters-for-phone', 'edit-location', 'duplicate-follow', 'duplicate-submit'],
      proposal: ['edit-cost', 'similar-support', 'similar-submit'],
      wish: ['edit-cost', 'intent-description'],
      feedback: ['not-solved', 'own-words', 'solved-in-words', 'question-back'],
      rating: ['score-comment', 'out-of-range'],
      thanks: ['with-thanks', 'not-received', 'own-words'],
      add_photo: ['keep'],
    };
    for (const [id, flow] of flows) {
      const names = cases.filter((c) => c.flowId === id).map((c) => c.name);
      expect(names, id).toEqual(expect.arrayContaining([...(flow.triggers.followUp ? requiredFollowUp : required), ...(extra[id] ?? [])]));
    }
  });

  for (const c of cases) {
    it(`${c.flowId}.${c.name}: ${c.golden.description}`, () => {
      const { actual, bad } = run(c);
      expect(bad).toEqual([]);
      if (update) return rewrite(c, actual);
      const expected = [c.golden.expect, ...c.golden.steps.map((s) => s.expect)];
      expect(expected.every((e) => e !== undefined), 'expectations missing: run with UPDATE_GOLDEN=1 and review the diff').toBe(true);
      actual.forEach((a, i) => expect(asExpected(a, expected[i]!), i === 0 ? 'start' : `step ${i}`).toEqual(expected[i]));
    });
  }
});
