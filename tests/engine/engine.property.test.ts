import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchema, parseSession, resume, start, type Event, type Input, type MessageInput } from '../../src/engine/index.js';
import { communities, fakeContext } from './helpers/fake-context.js';
import { realFlows } from './helpers/flows.js';

const flows = realFlows();
const dup = [{ caseId: 7, description: '路灯不亮' }];

const inputArb: fc.Arbitrary<Input> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('1', '2', '3', '5', '9', '跳过', '好了', '确定', '继续', '改位置', '改照片', '哈哈', '3栋门口的路灯晚上不亮', '巷道加装路灯', '桃源', '2万', '两万五', '13812345678', 'abcdefghijkl', '人工', '').map((text) => ({ type: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((text) => ({ type: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ type: 'location' as const, lat: 22.54, lng: 113.93, label: '桃源村3栋' }) },
  { weight: 1, arbitrary: fc.nat(99).map((n) => ({ type: 'image' as const, mediaId: `m${n}` })) },
  { weight: 1, arbitrary: fc.constantFrom('voice', 'video', 'link').map((kind) => ({ type: 'other' as const, kind })) },
  { weight: 2, arbitrary: fc.constantFrom([], dup).map((data) => ({ type: 'lookup_result' as const, name: 'nearby_duplicates', data })) },
  { weight: 1, arbitrary: fc.constantFrom({ type: 'cancel' as const }, { type: 'reprompt' as const }, { type: 'handoff' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'expire' as const }) },
);

/** what the resident may send: a trigger's input */
const messageArb = inputArb.filter((i): i is MessageInput => ['text', 'location', 'image', 'other'].includes(i.type));

/** The shape every sprint must have, whatever the resident sends. */
function checkSprint(events: Event[], status: string): void {
  for (const e of events) expect(eventSchema.safeParse(e).success).toBe(true);
  const last = events.at(-1)!;
  expect(['wait', 'flow_ended']).toContain(last.type);
  expect(last.type === 'wait').toBe(status === 'waiting');
  if (last.type === 'flow_ended') expect(last.reason).toBe(status);
  const replies = events.filter((e) => e.type === 'reply');
  expect(replies.length).toBeLessThanOrEqual(1);
  if (replies[0]) {
    expect(events.at(-2)).toBe(replies[0]);
    expect(replies[0].text).not.toMatch(/\{\{|undefined|\[object|NaN/);
  }
}

/** the flows a resident leads (the follow-up flows answer one message at once: below) */
const conversations = [...flows.values()].filter((f) => !f.triggers.followUp).map((f) => f.id);
const followUps = [...flows.values()].filter((f) => f.triggers.followUp).map((f) => f.id);

describe('the engine, driven by arbitrary input sequences', () => {
  it('covers every flow', () => {
    expect([...conversations, ...followUps].sort()).toEqual([...flows.keys()].sort());
    expect(conversations.length).toBeGreaterThan(0);
    expect(followUps.length).toBeGreaterThan(0);
  });

  for (const flowId of conversations) {
    it(`${flowId}: never throws, keeps the sprint shape, round-trips the session, submits at most once`, () => {
      fc.assert(
        fc.property(fc.array(inputArb, { maxLength: 40 }), fc.boolean(), (inputs, withDraft) => {
          const ctx = fakeContext(flows, { clock: '2025-03-03T01:00:00.000Z', communities });
          const draft = withDraft ? { flowId, nodeId: 'description', slots: { description: '3栋门口的路灯晚上不亮' } } : undefined;
          let r = start(flows.get(flowId)!, { type: 'keyword', ...(draft ? { draft } : {}) }, ctx);
          checkSprint(r.events, r.session.status);
          let outcomes = 0;
          for (const input of inputs) {
            if (r.session.status !== 'waiting') break;
            r = resume(parseSession(JSON.stringify(r.session)), input, ctx);
            checkSprint(r.events, r.session.status);
            outcomes += r.events.filter((e) => e.type === 'submitted' || e.type === 'follow_requested').length;
          }
          expect(outcomes).toBeLessThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('a follow-up flow, given any message as the answer', () => {
  for (const flowId of followUps) {
    it(`${flowId}: submits once or declines, never waits, never says the question again`, () => {
      fc.assert(
        fc.property(messageArb, (input) => {
          const ctx = fakeContext(flows, { clock: '2025-03-03T01:00:00.000Z' });
          const r = start(flows.get(flowId)!, { type: 'push', params: { caseId: 12 }, input }, ctx);
          checkSprint(r.events, r.session.status);
          expect(['completed', 'declined']).toContain(r.session.status);
          const submitted = r.events.filter((e) => e.type === 'submitted');
          expect(submitted.length).toBe(r.session.status === 'completed' ? 1 : 0);
          if (r.session.status === 'declined') expect(r.events.some((e) => e.type === 'reply')).toBe(false);
        }),
        { numRuns: 300 },
      );
    });
  }
});
