import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { parseMoney } from '../parse-money.js';
import { fill } from '../template.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';

/**
 * `money`: an estimated amount in whole yuan (2万, 20000, 5000元, 两万 …), between min and max.
 * 跳过 / 不知道 when optional (slot null). Shown as "2 万元" or "5000 元".
 *
 * ```yaml
 * cost:
 *   type: money
 *   prompt: 大概需要多少钱？比如：2万、5000元。不清楚请回复 跳过。
 *   result: estimatedCostYuan
 *   optional: true
 *   next: photos
 * ```
 */
export const moneyNode = z.object({
  type: z.literal('money'),
  ...askFields,
  ...optionalField,
  min: z.number().int().min(0).default(1),
  max: z.number().int().min(1).default(100_000_000),
});

export type MoneyNode = z.infer<typeof moneyNode>;

export const moneyKind: NodeKind<MoneyNode> = {
  type: 'money',
  asks: true,
  setsSlot: true,
  prompt: (node, s) => s.render(node.prompt),
  accept(node, input, s) {
    if (isSkip(node, input, s)) return { type: 'answer', value: null };
    const yuan = input.type === 'text' ? parseMoney(input.text) : undefined;
    if (yuan === undefined || yuan < node.min || yuan > node.max) return invalid(node, s, 'money', input);
    return { type: 'answer', value: yuan };
  },
  format(_node, value, s) {
    if (typeof value !== 'number') return String(value);
    const wan = value / 10000;
    return value >= 10000 && Number.isInteger(wan * 100) ? fill(s.t.texts.wanYuan, { n: wan }) : fill(s.t.texts.yuan, { n: value });
  },
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
