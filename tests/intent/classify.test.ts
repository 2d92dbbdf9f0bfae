import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '../../src/intent/classify.js';
import { loadIntentModel, parseIntentModel } from '../../src/intent/intent-model.js';
import { accuracy, evaluate, loadHeldOut, loadLabelled, type Outcome } from './labelled-set.js';

const categoryIds = z
  .object({ categories: z.array(z.object({ id: z.string() }).passthrough()) })
  .parse(parseYaml(readFileSync('flows/categories.yaml', 'utf8')))
  .categories.map((c) => c.id);
const model = loadIntentModel('flows/intents.yaml', { knownCategories: categoryIds });

const fmt = (o: readonly Outcome[]) => {
  const a = accuracy(o);
  return `${a.pct.toFixed(1)}% (${a.right}/${a.total})`;
};

describe('classifyIntent on the labelled set', () => {
  const items = loadLabelled('tests/intent/labelled.yaml');
  const outcomes = evaluate(items, model);
  const heldOut = outcomes.filter((o) => o.item.heldOut);
  const tuning = outcomes.filter((o) => !o.item.heldOut);

  it('has at least 300 messages of every kind and category', () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    for (const flow of ['report', 'proposal', 'none'] as const) expect(items.some((x) => x.flow === flow)).toBe(true);
    for (const id of categoryIds) expect(items.some((x) => x.category === id), id).toBe(true);
    for (const x of items) if (x.category) expect(categoryIds, x.text).toContain(x.category);
  });

  // The held-out fifth is never tuned on, and each new batch was written to find the classifier's
  // gaps (batches 4–7 scored 44–88 % untuned on their fifths), so it floors lower than the whole:
  // 88.7 % (157/177) on 2026-12-07. The floor guards against a regression; held-out.yaml below is
  // the figure to report.
  it('is at least 90% right overall and 88% on the held-out fifth (flow, and category for reports)', () => {
    const all = accuracy(outcomes);
    const misses = outcomes
      .filter((o) => !o.ok)
      .map((o) => `  ${o.item.heldOut ? '[held-out] ' : ''}${o.item.text}: want ${o.item.flow}/${o.item.category ?? '-'}, got ${o.got.flow}/${o.got.category ?? '-'}`);
    console.log(
      `intent accuracy: ${fmt(outcomes)}, held-out ${fmt(heldOut)}, tuning ${fmt(tuning)}; ` +
        `flow only ${accuracy(outcomes, 'flowOk').pct.toFixed(1)}%` +
        (misses.length ? `\n${misses.join('\n')}` : ''),
    );
    expect(all.pct).toBeGreaterThanOrEqual(90);
    expect(accuracy(heldOut).pct).toBeGreaterThanOrEqual(88);
  });
});

describe('classifyIntent on held-out.yaml (never tuned on)', () => {
  // Written for issue 12 before any tuning for it; its first score, 90.9% (110/121), is in the
  // commit that added it. Misses are printed to report them, never to tune on (see its header).
  const items = loadHeldOut('tests/intent/held-out.yaml');
  const outcomes = evaluate(items, model);

  it('has messages of every kind and every category', () => {
    for (const flow of ['report', 'proposal', 'wish', 'none'] as const) expect(items.some((x) => x.flow === flow), flow).toBe(true);
    for (const id of categoryIds) expect(items.filter((x) => x.category === id).length, id).toBeGreaterThanOrEqual(10);
  });

  it('the labelled messages number at least 300 with it', () => {
    expect(items.length + loadLabelled('tests/intent/labelled.yaml').length).toBeGreaterThanOrEqual(300);
  });

  it('is at least 90% right (flow, and category for reports)', () => {
    const misses = outcomes
      .filter((o) => !o.ok)
      .map((o) => `  ${o.item.text}: want ${o.item.flow}/${o.item.category ?? '-'}, got ${o.got.flow}/${o.got.category ?? '-'}`);
    console.log(`intent accuracy on held-out.yaml: ${fmt(outcomes)}; flow only ${accuracy(outcomes, 'flowOk').pct.toFixed(1)}%` + (misses.length ? `\n${misses.join('\n')}` : ''));
    expect(accuracy(outcomes).pct).toBeGreaterThanOrEqual(90);
  });
});

describe('classifyIntent on the later sets (regression guard)', () => {
  // fresh.yaml and unseen.yaml were written after tuning; their first, untuned scores are in
  // their commits (87.5% and 70.4%). They have since been tuned on, so they now guard against
  // regressions rather than measure generalisation.
  it.each(['fresh', 'unseen'])('%s.yaml stays at least 90% right', (name) => {
    const outcomes = evaluate(loadLabelled(`tests/intent/${name}.yaml`), model);
    console.log(`intent accuracy on ${name}.yaml: ${fmt(outcomes)}`);
    expect(accuracy(outcomes).pct).toBeGreaterThanOrEqual(90);
  });
});

describe('classifyIntent examples', () => {
  it.each([
    ['我家楼下路灯坏了好几天', 'report', 'streetlight'],
    ['小区门口的井盖不见了很危险', 'report', 'drainage'],
    ['希望社区能给老人办个食堂', 'proposal', undefined],
    ['建议在公交站加个雨棚', 'proposal', undefined],
    ['你好', null, undefined],
    ['ＫＴＶ太吵了！！', 'report', 'noise'],
  ] as const)('%s → %s %s', (text, flow, category) => {
    const r = classifyIntent(text, model);
    expect(r.flow).toBe(flow);
    expect(r.category).toBe(category);
  });

  it('a wish to repair is a report; a wish for something new is a proposal', () => {
    expect(classifyIntent('路灯坏了希望尽快修', model)).toMatchObject({ flow: 'report', category: 'streetlight' });
    expect(classifyIntent('巷子太黑 希望多装几盏路灯', model).flow).toBe('proposal');
  });

  it('a report with no topic phrase falls back to the fallback category', () => {
    expect(classifyIntent('坏了好几天了没人修', model)).toMatchObject({ flow: 'report', category: 'other' });
  });

  it('reports what matched and a confidence between 0 and 1, higher for clearer messages', () => {
    const clear = classifyIntent('路灯坏了 黑灯瞎火 好几天没人修', model);
    const weak = classifyIntent('灯', model);
    expect(clear.matched).toEqual(expect.arrayContaining(['路灯', '坏了', '黑灯瞎火']));
    expect(clear.confidence).toBeGreaterThan(weak.confidence);
    expect(clear.confidence).toBeGreaterThanOrEqual(0.5);
    expect(weak.confidence).toBeLessThan(0.5);
    expect(classifyIntent('希望', model).confidence).toBeLessThan(0.5);
    for (const r of [clear, weak, classifyIntent('你好', model)]) {
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('ranks the categories that matched, and is sure of one only when it clearly beats the next', () => {
    const clear = classifyIntent('水管爆了', model);
    expect(clear).toMatchObject({ flow: 'report', category: 'drainage' });
    expect(clear.categoryConfidence).toBeGreaterThanOrEqual(model.topics.sure);
    const torn = classifyIntent('井盖旁边的路面塌了很危险', model);
    expect(torn.categories?.map((c) => c.id)).toEqual(['drainage', 'road', 'safety']);
    expect(torn.categoryConfidence).toBeLessThan(model.topics.sure);
    const scores = torn.categories!.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const none = classifyIntent('坏了好几天了没人修', model);
    expect(none).toMatchObject({ flow: 'report', category: 'other', categories: [], categoryConfidence: 0 });
    expect(classifyIntent('建议在公交站加个雨棚', model).categories).toBeUndefined();
  });

  it('reads Cantonese-ish characters as their Mandarin word (folds)', () => {
    expect(classifyIntent('路灯坏咗 冇人理', model)).toMatchObject({ flow: 'report', category: 'streetlight' });
    expect(classifyIntent('路灯坏咗 冇人理', model).matched).toContain('坏了');
    expect(() => parseIntentModel({ version: 1, minScore: 2, fallbackCategory: 'other', folds: { 冇冇: '没' }, cues: { report: { 坏了: 3 } }, topics: { flow: 'report', slot: 'category' }, categories: { other: { 电梯: 4 } } })).toThrow();
  });

  it('is pure: the same text gives the same answer', () => {
    expect(classifyIntent('垃圾没人收', model)).toEqual(classifyIntent('垃圾没人收', model));
  });

  it('an urging message is not read as a wish', () => {
    expect(classifyIntent('你们能不能快点', model).flow).not.toBe('proposal');
  });

  it('a thank-you for a fix and a utility-bill question are not reports', () => {
    expect(classifyIntent('谢谢 路灯已经修好了', model).flow).toBeNull();
    expect(classifyIntent('电表是不是坏了 电费这么贵', model).flow).toBeNull();
  });

  it('handles empty and symbol-only text', () => {
    expect(classifyIntent('', model).flow).toBeNull();
    expect(classifyIntent('。。。[微笑]', model).flow).toBeNull();
  });
});

describe('loadIntentModel', () => {
  const base = {
    version: 1,
    minScore: 2,
    fallbackCategory: 'other',
    cues: { report: { 坏了: 3 }, proposal: { 建议: 3 }, none: { 电费: 5 } },
    topics: { flow: 'report', slot: 'category' },
    categories: { other: { 电梯: 4 } },
  };

  it('accepts a minimal file', () => {
    expect(classifyIntent('电梯坏了', parseIntentModel(base))).toMatchObject({ flow: 'report', category: 'other' });
  });

  it('rejects a phrase listed under two cues', () => {
    expect(() => parseIntentModel({ ...base, cues: { ...base.cues, none: { 坏了: 1 } } })).toThrow(/also listed under report/);
  });

  it('rejects phrases not written in folded form', () => {
    expect(() => parseIntentModel({ ...base, cues: { ...base.cues, report: { 'KTV 吵': 3 } } })).toThrow(/normalised/);
  });

  it('rejects a fallback category that is not listed', () => {
    expect(() => parseIntentModel({ ...base, fallbackCategory: 'misc' })).toThrow(/misc is not a category/);
  });

  it('rejects categories that flows/categories.yaml does not know', () => {
    expect(() => parseIntentModel({ ...base, categories: { other: { 电梯: 4 }, lamps: { 灯: 1 } } }, { knownCategories: categoryIds })).toThrow(
      /unknown categories lamps/,
    );
  });

  it('rejects unknown keys and bad weights', () => {
    expect(() => parseIntentModel({ ...base, extra: 1 })).toThrow();
    expect(() => parseIntentModel({ ...base, cues: { ...base.cues, report: { 坏了: 'x' } } })).toThrow();
    expect(() => parseIntentModel({ ...base, version: 2 })).toThrow();
  });

  it('rejects cues for a flow that free text cannot start, and topics of a flow without cues', () => {
    expect(() => parseIntentModel(base, { knownFlows: ['report'] })).toThrow(/cues for flows that free text cannot start: proposal/);
    expect(() => parseIntentModel({ ...base, topics: { flow: 'wish', slot: 'category' } })).toThrow(/wish has no cues/);
  });

  it('is n-ary: a flow added with cues of its own is an answer like the others', () => {
    const withWish = parseIntentModel(
      { ...base, cues: { ...base.cues, wish: { 心愿: 4, 许愿: 4 } } },
      { knownFlows: ['report', 'proposal', 'wish'] },
    );
    expect(withWish.flows).toEqual(['report', 'proposal', 'wish']);
    expect(classifyIntent('我有个心愿', withWish)).toMatchObject({ flow: 'wish' });
    expect(classifyIntent('我有个心愿', withWish).category).toBeUndefined();
    expect(classifyIntent('电梯坏了', withWish)).toMatchObject({ flow: 'report', category: 'other' });
    expect(classifyIntent('电费', withWish).flow).toBeNull();
  });

  it('covers every category of flows/categories.yaml', () => {
    expect(model.categories.map((c) => c.id).sort()).toEqual([...categoryIds].sort());
  });
});
