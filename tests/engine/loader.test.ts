import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFlows, formatProblem } from '../../src/engine/index.js';
import { loadFlows } from '../../src/flows/load-flows.js';

const root = fileURLToPath(new URL('./fixtures', import.meta.url));
const flowsDir = fileURLToPath(new URL('../../flows', import.meta.url));

/** One broken flow per rule (goflow's broken_flows): the directory name → the problem it must raise. */
const rules: Record<string, { file: string; node?: string; message: string }> = {
  'exit-nowhere': { file: 'flow.yaml', node: 'ask', message: "exit 'nowhere' does not land on a node" },
  unreachable: { file: 'flow.yaml', node: 'orphan', message: "not reachable from the start node 'ask'" },
  'prompt-not-chinese': { file: 'flow.yaml', node: 'ask', message: 'prompt: needs zh-CN text (no Chinese characters found)' },
  'option-number-twice': { file: 'flow.yaml', node: 'pick', message: 'option number 1 is used twice' },
  'synonyms-unknown-value': { file: 'flow.yaml', node: 'pick', message: "synonyms for 'z', which is not an option value" },
  'shortlist-not-param': { file: 'flow.yaml', node: 'pick', message: "shortlist.slot 'guesses' is not one of the flow's params" },
  'understood-no-change': { file: 'flow.yaml', node: 'pick', message: 'say needs {{change}}, the tap that changes the answer' },
  'keyword-twice': { file: 'b.yaml', message: "keyword '测试' is also a trigger of flow 'first'" },
  'start-missing': { file: 'flow.yaml', message: "start node 'nope' does not exist" },
  'unknown-placeholder': { file: 'flow.yaml', node: 'done', message: '{{nothing}} is not a slot any node sets' },
  'spec-newer': { file: 'flow.yaml', message: 'spec: spec is newer than this engine (1)' },
  'unknown-node-type': { file: 'flow.yaml', node: 'dance', message: 'type: Invalid discriminator value' },
  'edit-not-question': { file: 'flow.yaml', node: 'check', message: "'改提交' edits 'done', which asks nothing" },
  'question-leads-nowhere': { file: 'flow.yaml', node: 'loose', message: 'this question leads nowhere: give it a next' },
  'comment-accident': { file: 'flow.yaml', node: 'done', message: 'is cut at " #" (YAML reads a comment): put the text in quotes' },
  'yaml-invalid': { file: 'flow.yaml', message: 'not valid YAML' },
  'locale-missing-text': { file: 'locale.zh-CN.yaml', message: 'texts.cancelTip: zh-CN text is missing' },
  'trigger-slot-wrong': { file: 'flow.yaml', message: "triggers.location: 'ask' is not the slot of a location question" },
  'image-twice': { file: 'b.yaml', message: "triggers.image: flow 'first' already starts on a photo sent outside any flow" },
  'pattern-invalid': { file: 'flow.yaml', node: 'read', message: 'cases.0.pattern: not a regular expression' },
  'follow-up-unknown': { file: 'flow.yaml', message: "triggers.followUp: no push asks 'gift' (known: feedback, rating)" },
  'kind-unknown': { file: 'flow.yaml', node: 'done', message: "submits kind 'wish', which the runtime does not know (known: report, proposal)" },
  'lookup-unknown': { file: 'flow.yaml', node: 'find', message: "looks up 'weather', which no runtime provider answers (known: nearby_duplicates)" },
};

/** the kinds and lookups the fixtures may name, as the runtime would list them */
const known = { kinds: ['report', 'proposal'], lookups: ['nearby_duplicates'], followUps: ['feedback', 'rating'] };

function load(name: string) {
  const dir = `${root}/${name}`;
  const local = `${dir}/locale.zh-CN.yaml`;
  return loadFlows(dir, { localeFile: existsSync(local) ? local : `${flowsDir}/locale.zh-CN.yaml`, categoriesFile: `${flowsDir}/categories.yaml`, known });
}

describe('loadFlows', () => {
  it('loads the real flows without problems', () => {
    const { flows, problems } = loadFlows(flowsDir);
    expect(problems.map(formatProblem)).toEqual([]);
    expect([...flows.keys()].sort()).toEqual(['add_photo', 'feedback', 'objection', 'proposal', 'rating', 'report', 'survey', 'thanks', 'wish']);
    const category = flows.get('report')!.nodes.category;
    expect(category?.type === 'choice' && category.options?.map((o) => o.value)).toContain('streetlight');
  });

  it('has a negative fixture for every rule, and every fixture is listed', () => {
    expect(readdirSync(root).sort()).toEqual(Object.keys(rules).sort());
  });

  for (const [name, want] of Object.entries(rules)) {
    it(`rejects ${name}`, () => {
      const { flows, problems } = load(name);
      const hit = problems.find(
        (p) => p.file.endsWith(`/${name}/${want.file}`) && p.node === want.node && p.message.includes(want.message),
      );
      expect(hit, `expected "${want.message}" in:\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
      if (want.file === 'flow.yaml') expect(flows.size).toBe(0);
    });
  }

  it('ignores YAML files that are not flows (categories, intents, bot texts)', () => {
    const { problems } = loadFlows(flowsDir);
    expect(problems.filter((p) => /intents|bot\./.test(p.file))).toEqual([]);
  });

  it('compileFlows is pure: texts in, flows out, with the locale merged with flow overrides', () => {
    const { flows: real } = loadFlows(flowsDir);
    const locale = real.get('report')!.locale;
    const text = [
      'id: mini',
      'name: 小测试',
      'spec: 1',
      'expireAfterMinutes: 5',
      'triggers: { keywords: [小测] }',
      'start: ask',
      'texts: { cancelled: 小测试已取消。 }',
      'nodes:',
      '  ask: { type: text, prompt: 说点什么。, next: done }',
      '  done: { type: submit, kind: report, message: 好的。 }',
    ].join('\n');
    const { flows, problems } = compileFlows([{ file: 'mini.yaml', text }], { locale, categories: [] }, { kinds: ['report'] });
    expect(problems).toEqual([]);
    expect(flows.get('mini')!.locale.texts.cancelled).toBe('小测试已取消。');
    expect(flows.get('mini')!.locale.texts.cancelTip).toBe(locale.texts.cancelTip);
  });
});

describe('compileFlows: what a flow submits is a word of the runtime, injected', () => {
  const { flows: real } = loadFlows(flowsDir);
  const locale = real.get('report')!.locale;
  const flow = (kind: string) =>
    [
      'id: mini',
      'name: 小测试',
      'spec: 1',
      'expireAfterMinutes: 5',
      'triggers: { keywords: [小测] }',
      'start: ask',
      'nodes:',
      '  ask: { type: text, prompt: 说点什么。, next: done }',
      `  done: { type: submit, kind: ${kind}, message: 好的。 }`,
    ].join('\n');

  it('a kind the list names loads; one it does not is a problem naming file and node', () => {
    const known = { kinds: ['report', 'proposal', 'wish'] };
    expect(compileFlows([{ file: 'wish.yaml', text: flow('wish') }], { locale, categories: [] }, known).problems).toEqual([]);
    const { flows, problems } = compileFlows([{ file: 'gift.yaml', text: flow('gift') }], { locale, categories: [] }, known);
    expect(problems.map(formatProblem)).toEqual(["gift.yaml: done: submits kind 'gift', which the runtime does not know (known: report, proposal, wish)"]);
    expect(flows.size).toBe(0);
  });
});
