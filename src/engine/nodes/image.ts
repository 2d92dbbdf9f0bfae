import { z } from 'zod';
import type { Json } from '../json.js';
import type { NodeKind } from '../node-kind.js';
import { isWord } from '../normalize.js';
import { fill } from '../template.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';

/**
 * `image`: one or more photos, each arriving as its own message. The slot is the list so far,
 * `[{ mediaId, picUrl? }]`. Each photo is acknowledged (已收到第 1 张照片…) until `max`, which
 * moves on; 好了 / 完成 moves on with what arrived; 跳过 / 没有 moves on with none (when optional).
 *
 * ```yaml
 * photos:
 *   type: image
 *   prompt: 请拍一张现场照片发给我（最多 3 张）。没有照片请回复 跳过。
 *   optional: true
 *   max: 3
 *   next: phone
 * ```
 */
export const imageNode = z.object({
  type: z.literal('image'),
  ...askFields,
  ...optionalField,
  max: z.number().int().min(1).max(9).default(3),
});

export type ImageNode = z.infer<typeof imageNode>;

type Photo = { mediaId: string; picUrl?: string };

const photosIn = (value: Json | undefined): Photo[] =>
  Array.isArray(value) ? value.filter((p): p is Photo => !!p && typeof p === 'object' && !Array.isArray(p) && typeof p.mediaId === 'string') : [];

export const imageKind: NodeKind<ImageNode> = {
  type: 'image',
  asks: true,
  setsSlot: true,
  prompt: (node, s) => s.render(node.prompt),
  accept(node, input, s) {
    const photos = photosIn(s.session.slots[s.slot]);
    const list = (ps: Photo[]): Json => ps.map((p): Json => (p.picUrl ? { mediaId: p.mediaId, picUrl: p.picUrl } : { mediaId: p.mediaId }));
    if (input.type === 'image') {
      const next: Photo[] = [...photos, input.picUrl ? { mediaId: input.mediaId, picUrl: input.picUrl } : { mediaId: input.mediaId }];
      if (next.length >= node.max) return { type: 'answer', value: list(next), reply: fill(s.t.texts.photosDone, { n: next.length }) };
      return { type: 'stay', value: list(next), reply: fill(s.t.texts.photoReceived, { n: next.length, left: node.max - next.length }) };
    }
    const done = input.type === 'text' && isWord(input.text, s.t.words.done);
    if ((done || isSkip(node, input, s)) && (photos.length > 0 || node.optional)) return { type: 'answer', value: list(photos) };
    return invalid(node, s, 'image', input);
  },
  format: (_node, value, s) => {
    const n = photosIn(value).length;
    return n > 0 ? fill(s.t.texts.photosCount, { n }) : s.t.texts.notProvided;
  },
  onEdit(_node, s) {
    // 改照片 replaces the photos: the new ones start a fresh list
    delete s.session.slots[s.slot];
  },
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
