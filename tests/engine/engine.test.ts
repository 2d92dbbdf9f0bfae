import { describe, expect, it } from 'vitest';
import { isExpired, parseSession, resume, start, type Event, type Flow, type Session } from '../../src/engine/index.js';
import { communities, fakeContext } from './helpers/fake-context.js';
import { flowFromYaml, realFlows } from './helpers/flows.js';

const flows = realFlows();
const report = flows.get('report')!;
const proposal = flows.get('proposal')!;
const clock = '2025-03-03T01:00:00.000Z';
const ctxFor = (fs: ReadonlyMap<string, Flow> = flows, withCommunities = true) => fakeContext(fs, { clock, ...(withCommunities ? { communities } : {}) });
const types = (events: Event[]) => events.map((e) => e.type);
const text = (t: string) => ({ type: 'text' as const, text: t });
const replyOf = (events: Event[]) => events.find((e) => e.type === 'reply')?.text ?? '';

/** drives a session through inputs, returning the last result */
function drive(session: Session, inputs: Parameters<typeof resume>[1][], ctx = ctxFor()) {
  let r = { session, events: [] as Event[] };
  for (const input of inputs) r = resume(r.session, input, ctx);
  return r;
}

describe('sessions and sprints', () => {
  it('a sprint ends with exactly one wait or flow_ended, after at most one reply', () => {
    const ctx = ctxFor();
    const r = start(report, { type: 'keyword', text: '报修' }, ctx);
    expect(types(r.events)).toEqual(['reply', 'wait']);
    expect(r.session).toMatchObject({ v: 1, id: 'id-0001', lastSprintId: 'id-0002', status: 'waiting', nodeId: 'category' });
    expect(r.session.expiresAt).toBe('2025-03-03T01:30:00.000Z');
    const next = resume(r.session, text('1'), ctx);
    expect(next.session.lastSprintId).toBe('id-0003');
    expect(next.session.expiresAt).toBe('2025-03-03T01:30:01.000Z');
  });

  it('resume never changes the session it was given', () => {
    const ctx = ctxFor();
    const { session } = start(report, { type: 'keyword' }, ctx);
    const before = JSON.stringify(session);
    resume(session, text('1'), ctx);
    resume(session, { type: 'cancel' }, ctx);
    expect(JSON.stringify(session)).toBe(before);
  });

  it('a session that is not waiting only yields an error', () => {
    const ctx = ctxFor();
    const ended = resume(start(report, { type: 'keyword' }, ctx).session, { type: 'cancel' }, ctx);
    const again = resume(ended.session, text('1'), ctx);
    expect(again.events).toEqual([{ type: 'error', message: expect.stringContaining('is cancelled, not waiting') }]);
    expect(again.session).toBe(ended.session);
  });

  it('a session whose flow is not loaded fails with an error', () => {
    const ctx = ctxFor();
    const { session } = start(report, { type: 'keyword' }, ctx);
    const r = resume(session, text('1'), ctxFor(new Map()));
    expect(types(r.events)).toEqual(['error', 'flow_ended']);
    expect(r.session.status).toBe('failed');
  });

  it('parseSession reads JSON strings and values, and rejects other versions and garbage', () => {
    const { session } = start(report, { type: 'keyword' }, ctxFor());
    expect(parseSession(JSON.stringify(session))).toEqual(session);
    expect(parseSession(structuredClone(session))).toEqual(session);
    expect(() => parseSession('{')).toThrow('session is not JSON');
    expect(() => parseSession({ ...session, v: 2 })).toThrow('bad session');
    expect(() => parseSession({ ...session, status: 'dancing' })).toThrow('status');
    // a stored string is checked for its shape as strictly (its slots are JSON by construction)
    const nested = { ...session, slots: { location: { lat: 22.5, lng: 113.9, label: '桃源村' }, photos: [{ id: 1 }], phone: null } };
    expect(parseSession(JSON.stringify(nested))).toEqual(nested);
    expect(() => parseSession(JSON.stringify({ ...session, status: 'dancing' }))).toThrow('status');
    expect(() => parseSession(JSON.stringify({ ...session, slots: ['not', 'a', 'record'] }))).toThrow('slots');
    expect(() => parseSession(JSON.stringify({ ...session, pendingDraft: { flowId: 'report', nodeId: 'x', slots: 7 } }))).toThrow('pendingDraft');
    // a value handed over as is gets the whole check, slots too
    expect(() => parseSession({ ...session, slots: { when: new Date() } })).toThrow('slots');
  });

  it('isExpired compares expiresAt with the given time', () => {
    const { session } = start(report, { type: 'keyword' }, ctxFor());
    expect(isExpired(session, new Date('2025-03-03T01:29:59.000Z'))).toBe(false);
    expect(isExpired(session, new Date('2025-03-03T01:30:00.000Z'))).toBe(true);
  });
});

describe('lookups', () => {
  const atLookup = () => {
    const ctx = ctxFor();
    const s = start(report, { type: 'keyword' }, ctx).session;
    return { ctx, r: drive(s, [text('1'), text('3栋门口的路灯不亮'), text('桃源村3栋'), text('1'), text('跳过'), text('跳过')], ctx) };
  };

  it('a lookup_result for another lookup is an error and the request is repeated', () => {
    const { ctx, r } = atLookup();
    const next = resume(r.session, { type: 'lookup_result', name: 'other', data: [] }, ctx);
    expect(types(next.events)).toEqual(['error', 'lookup_requested', 'wait']);
  });

  it('a lookup_result while a question waits is an error; the question keeps waiting, silently', () => {
    const ctx = ctxFor();
    const { session } = start(report, { type: 'keyword' }, ctx);
    const r = resume(session, { type: 'lookup_result', name: 'nearby_duplicates', data: [] }, ctx);
    expect(types(r.events)).toEqual(['error', 'wait']);
    expect(r.session.nodeId).toBe('category');
  });

  it('reprompt at a lookup repeats the request', () => {
    const { ctx, r } = atLookup();
    expect(types(resume(r.session, { type: 'reprompt' }, ctx).events)).toEqual(['lookup_requested', 'reply', 'wait']);
  });
});

describe('prefilled slots and drafts', () => {
  it('ignores a prefilled value that is not an answer, and slots no node asks for', () => {
    const r = start(report, { type: 'intent', slots: { category: 'weather', mood: 'happy' } }, ctxFor());
    expect(types(r.events)).toEqual(['error', 'error', 'reply', 'wait']);
    expect(r.session.nodeId).toBe('category');
    expect(r.session.slots).toEqual({});
  });

  it('prefilled answers do not count as filled: 取消 ends without asking', () => {
    const ctx = ctxFor();
    const { session } = start(report, { type: 'intent', slots: { category: 'road' } }, ctx);
    expect(session.nodeId).toBe('description');
    expect(types(resume(session, { type: 'cancel' }, ctx).events)).toEqual(['reply', 'flow_ended']);
  });

  it('ignores a draft of another flow, and an empty draft', () => {
    const other = start(report, { type: 'keyword', draft: { flowId: 'proposal', nodeId: 'title', slots: { title: '巷道加装路灯' } } }, ctxFor());
    expect(types(other.events)).toEqual(['error', 'reply', 'wait']);
    expect(other.session.pendingDraft).toBeUndefined();
    const empty = start(report, { type: 'keyword', draft: { flowId: 'report', nodeId: 'location', slots: {} } }, ctxFor());
    expect(empty.session.pendingDraft).toBeUndefined();
  });

  it('continues a draft whose node no longer exists at the first unanswered question', () => {
    const ctx = ctxFor();
    const draft = { flowId: 'report', nodeId: 'gone', slots: { category: 'road', description: '路面有个大坑' } };
    const r = resume(start(report, { type: 'keyword', draft }, ctx).session, text('1'), ctx);
    expect(r.session.nodeId).toBe('location');
  });

  it('keeps the draft when the resident cancels, asks for a person or lets the offer expire', () => {
    const draft = { flowId: 'report', nodeId: 'location', slots: { category: 'road' } };
    for (const input of [{ type: 'cancel' as const }, text('人工'), { type: 'expire' as const }]) {
      const ctx = ctxFor();
      const r = resume(start(report, { type: 'keyword', draft }, ctx).session, input, ctx);
      expect(r.events).toContainEqual({ type: 'draft_saved', ...draft });
      expect(r.session.status).not.toBe('waiting');
    }
  });

  it('restarts at the start when the waiting node was removed from the flow', () => {
    const ctx = ctxFor();
    const s = drive(start(report, { type: 'keyword' }, ctx).session, [text('1')], ctx).session;
    const r = resume({ ...s, nodeId: 'removed' }, text('随便'), ctx);
    expect(types(r.events)).toEqual(['error', 'reply', 'wait']);
    expect(r.session.nodeId).toBe('description');
  });
});

describe('questions', () => {
  it('offers a person after maxAttempts invalid answers, and again after as many more', () => {
    const ctx = ctxFor();
    let r = start(report, { type: 'keyword' }, ctx);
    const offers: number[] = [];
    for (let i = 1; i <= 6; i++) {
      r = resume(r.session, text('哈哈'), ctx);
      if (r.events.some((e) => e.type === 'handoff_offered')) offers.push(i);
    }
    expect(offers).toEqual([3, 6]);
    expect(replyOf(r.events)).toContain('回复“人工”');
  });

  it('a required photo question does not move on without a photo', () => {
    const flow = flowFromYaml(`
id: photo
name: 拍照
spec: 1
expireAfterMinutes: 5
triggers: { keywords: [拍照] }
start: photos
nodes:
  photos: { type: image, prompt: 请发照片。, max: 2, next: done }
  done: { type: submit, kind: report, message: 好的。 }
`);
    const ctx = ctxFor(new Map([[flow.id, flow]]));
    const r = drive(start(flow, { type: 'keyword' }, ctx).session, [text('好了'), text('跳过')], ctx);
    expect(r.session).toMatchObject({ nodeId: 'photos', attempts: 2 });
    const done = drive(r.session, [{ type: 'image', mediaId: 'm1' }, { type: 'image', mediaId: 'm2' }], ctx);
    expect(done.events).toContainEqual(expect.objectContaining({ type: 'submitted', kind: 'report', slots: { photos: [{ mediaId: 'm1' }, { mediaId: 'm2' }] } }));
  });

  it('skips the community question with an error when no communities are given', () => {
    const ctx = ctxFor(flows, false);
    const s = start(proposal, { type: 'keyword' }, ctx).session;
    const r = drive(s, [text('巷道加装路灯'), text('5巷晚上没有灯，老人走路容易摔倒'), text('1'), text('5巷居民')], ctx);
    expect(r.events.map((e) => e.type)).toContain('error');
    // past the community: the flow now waits for the runtime's similar-proposals lookup (then location)
    expect(r.session.nodeId).toBe('find_similar');
  });

  it('stops a loop of routers with an error and ends the flow (failed)', () => {
    const flow = flowFromYaml(`
id: loop
name: 循环
spec: 1
expireAfterMinutes: 5
triggers: { keywords: [循环] }
start: a
nodes:
  a: { type: router, cases: [{ slot: x, test: is_set, next: done }], default: b }
  b: { type: router, cases: [{ slot: x, test: is_set, next: done }], default: a }
  done:
    type: text
    prompt: 到不了这里：{{x}}
    result: x
`.replace('    result: x', '    result: x\n    next: a'));
    const ctx = { ...ctxFor(new Map([[flow.id, flow]])), limits: { maxStepsPerSprint: 20 } };
    const r = start(flow, { type: 'keyword' }, ctx);
    expect(types(r.events)).toEqual(['error', 'reply', 'flow_ended']);
    expect(r.events[0]).toMatchObject({ message: expect.stringContaining('more than 20 steps') });
    expect(r.session.status).toBe('failed');
  });
});

describe('a flow answered at once by the message that starts it (a push’s question)', () => {
  const flow = flowFromYaml(`
id: verdict
name: 评价
spec: 1
expireAfterMinutes: 10
params: [caseId]
triggers: { followUp: feedback }
start: answer
nodes:
  answer: { type: text, prompt: 问题解决了吗？, maxLength: 20, next: read }
  read:
    type: router
    cases:
      - { slot: answer, test: is_word, words: ['1', 已解决], next: yes }
      - { slot: answer, test: has_word, words: [没修好], next: no }
      - { slot: answer, test: has_pattern, pattern: '^(?<score>[1-5])分(?<rest>.*)$', next: scored }
    default: other
  yes: { type: submit, kind: verdict, values: { satisfied: true } }
  no: { type: submit, kind: verdict, values: { satisfied: false, comment: '{{answer}}', note: '第{{caseId}}号' } }
  scored: { type: submit, kind: verdict, message: '打了{{score}}分。' }
  other: { type: decline }
`);
  const ctx = ctxFor(new Map([[flow.id, flow]]));
  const answer = (t: string, params: Record<string, number> = { caseId: 12 }) => start(flow, { type: 'push', params, input: text(t) }, ctx);

  it('takes the message as the answer: the question is not said again, the params are slots, values are submitted', () => {
    const r = answer('已解决！');
    expect(r.session.status).toBe('completed');
    expect(replyOf(r.events)).toBe('');
    expect(r.events.find((e) => e.type === 'submitted')).toMatchObject({ kind: 'verdict', slots: { caseId: 12, answer: '已解决！', satisfied: true } });
    expect(r.session.prefilled).toEqual(['caseId']);
  });

  it('a value that is one placeholder copies the slot; other text is rendered', () => {
    const r = answer('灯还是没修好');
    expect(r.events.find((e) => e.type === 'submitted')).toMatchObject({ slots: { satisfied: false, comment: '灯还是没修好', note: '第12号' } });
  });

  it('a pattern’s named groups become slots', () => {
    const r = answer('４分 还行');
    expect(replyOf(r.events)).toBe('打了4分。');
    expect(r.events.find((e) => e.type === 'submitted')).toMatchObject({ slots: { score: '4', rest: '还行' } });
  });

  it('a message that is not an answer, or that the question cannot take, is declined: nothing said, nothing submitted', () => {
    for (const r of [answer('路灯又坏了'), answer('这句话写得太长了，超过了二十个字的上限，所以不是答案'), start(flow, { type: 'push', params: { caseId: 12 }, input: { type: 'image', mediaId: 'm1' } }, ctx)]) {
      expect(r.session.status).toBe('declined');
      expect(types(r.events)).not.toContain('reply');
      expect(types(r.events)).not.toContain('submitted');
      expect(r.events.at(-1)).toEqual({ type: 'flow_ended', reason: 'declined' });
    }
  });

  it('a param the flow does not declare is ignored with an error event', () => {
    const r = answer('1', { caseId: 12, other: 3 });
    expect(r.events).toContainEqual({ type: 'error', message: "param 'other' is not declared by flow 'verdict': ignored" });
    expect(r.session.slots.other).toBeUndefined();
  });
});
