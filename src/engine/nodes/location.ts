import { z } from 'zod';
import type { Json } from '../json.js';
import type { NodeKind, Outcome } from '../node-kind.js';
import { charCount } from '../normalize.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';

/**
 * `location`: a WeChat location (a location message or the location_select menu event, both
 * `{ type: 'location' }` inputs) → `{ lat, lng, label }`; or a typed address of minLength to
 * maxLength characters → `{ label }`. A photo or a voice message gets the hint.
 *
 * ```yaml
 * location:
 *   type: location
 *   prompt: 问题在哪里？请点输入框旁的 + 号发送位置，或直接输入地址。
 *   next: photos
 * ```
 */
export const locationNode = z.object({
  type: z.literal('location'),
  ...askFields,
  ...optionalField,
  minLength: z.number().int().min(1).default(3),
  maxLength: z.number().int().min(1).max(500).default(100),
  /**
   * after 改位置 from a confirm node: `return` there at once, or go on through `next` (its lookups
   * run again on the new place; questions already answered are skipped on the way back)
   */
  afterEdit: z.enum(['return', 'next']).default('return'),
});

export type LocationNode = z.infer<typeof locationNode>;

export const locationKind: NodeKind<LocationNode> = {
  type: 'location',
  asks: true,
  setsSlot: true,
  prompt: (node, s) => s.render(node.prompt),
  accept(node, input, s): Outcome {
    if (isSkip(node, input, s)) return { type: 'answer', value: null };
    if (input.type === 'location') return { type: 'answer', value: { lat: input.lat, lng: input.lng, label: input.label.trim() } };
    if (input.type !== 'text') return invalid(node, s, 'location', input);
    const text = input.text.trim();
    const n = charCount(text);
    if (n < node.minLength || n > node.maxLength) return invalid(node, s, 'location', input);
    return { type: 'answer', value: { label: text } };
  },
  format(_node, value: Json) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof value.label === 'string' && value.label) return value.label;
      if (typeof value.lat === 'number' && typeof value.lng === 'number') return `${value.lat.toFixed(5)}, ${value.lng.toFixed(5)}`;
    }
    return String(value);
  },
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
