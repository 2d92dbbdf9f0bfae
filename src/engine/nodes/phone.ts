import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { parsePhone } from '../parse-phone.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';

/**
 * `phone`: a mainland mobile (1[3-9] and 9 digits, spaces, dashes and +86 allowed) or a landline
 * (0755-12345678, or 7–8 local digits); stored normalised. 跳过 when optional (slot null).
 *
 * ```yaml
 * phone:
 *   type: phone
 *   prompt: 方便留个电话吗？工作人员可能需要联系您。不想留请回复 跳过。
 *   optional: true
 *   next: find_duplicates
 * ```
 */
export const phoneNode = z.object({
  type: z.literal('phone'),
  ...askFields,
  ...optionalField,
});

export type PhoneNode = z.infer<typeof phoneNode>;

export const phoneKind: NodeKind<PhoneNode> = {
  type: 'phone',
  asks: true,
  setsSlot: true,
  prompt: (node, s) => s.render(node.prompt),
  accept(node, input, s) {
    if (isSkip(node, input, s)) return { type: 'answer', value: null };
    const phone = input.type === 'text' ? parsePhone(input.text) : undefined;
    return phone ? { type: 'answer', value: phone } : invalid(node, s, 'phone', input);
  },
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
