import { z } from 'zod';
import { jsonValue, type Json } from '../json.js';
import type { NodeKind } from '../node-kind.js';
import { isWord, normalize } from '../normalize.js';
import { getPath } from '../template.js';
import { nodeId } from './base.js';

/** the names of a pattern's named groups, `(?<score>…)` */
const groupNames = (pattern: string): string[] => [...pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);

const routerCase = z
  .object({
    /** slot path, e.g. `duplicates` or `duplicates.0.id` */
    slot: z.string().min(1),
    /**
     * has_items: a non-empty list; is_set: present and not null; equals: equal to `value`;
     * on text (compared ignoring case, width, spaces and surrounding punctuation):
     * is_word: the whole text is one of `words`; has_word: the text contains one of `words`;
     * has_pattern: the text (width folded, trimmed) matches `pattern`, whose named groups become slots
     */
    test: z.enum(['has_items', 'is_set', 'equals', 'is_word', 'has_word', 'has_pattern']),
    value: jsonValue.optional(),
    words: z.array(z.string().min(1)).min(1).optional(),
    pattern: z.string().min(1).optional(),
    next: nodeId,
  })
  .superRefine((c, ctx) => {
    if ((c.test === 'is_word' || c.test === 'has_word') && !c.words) ctx.addIssue({ code: 'custom', path: ['words'], message: `${c.test} needs words` });
    if (c.test !== 'has_pattern') return;
    if (!c.pattern) return ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'has_pattern needs a pattern' });
    try {
      new RegExp(c.pattern, 'su');
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a regular expression: ${(e as Error).message}` });
    }
  });

type RouterCase = z.infer<typeof routerCase>;

/**
 * `router`: goes to the first case whose test holds, else to `default` (goflow's switch router,
 * without an expression language). Asks nothing. A `has_pattern` case that holds sets the slots its
 * named groups name (an unmatched group: null).
 *
 * ```yaml
 * check_duplicates:
 *   type: router
 *   cases:
 *     - { slot: duplicates, test: has_items, next: duplicate }
 *   default: confirm
 * read_answer:
 *   type: router
 *   cases:
 *     - { slot: answer, test: is_word, words: ['1', 已解决], next: solved }
 *     - { slot: answer, test: has_pattern, pattern: '^(?<score>[1-5])分?$', next: rated }
 *   default: not_an_answer
 * ```
 */
export const routerNode = z.object({
  type: z.literal('router'),
  cases: z.array(routerCase).min(1),
  default: nodeId.optional(),
});

export type RouterNode = z.infer<typeof routerNode>;

/** whether the case holds, and the slots it sets (has_pattern's groups) */
function test(c: RouterCase, v: Json | undefined): Record<string, Json> | undefined {
  const yes = (holds: boolean) => (holds ? {} : undefined);
  switch (c.test) {
    case 'has_items':
      return yes(Array.isArray(v) && v.length > 0);
    case 'is_set':
      return yes(v !== undefined && v !== null);
    case 'equals':
      return yes(JSON.stringify(v) === JSON.stringify(c.value));
    case 'is_word':
      return yes(typeof v === 'string' && isWord(v, c.words ?? []));
    case 'has_word': {
      const t = typeof v === 'string' ? normalize(v) : '';
      return yes(t.length > 0 && (c.words ?? []).some((w) => normalize(w).length > 0 && t.includes(normalize(w))));
    }
    case 'has_pattern': {
      const m = typeof v === 'string' ? new RegExp(c.pattern ?? '', 'su').exec(v.normalize('NFKC').trim()) : null;
      if (!m) return undefined;
      return Object.fromEntries(groupNames(c.pattern ?? '').map((g) => [g, m.groups?.[g]?.trim() || null]));
    }
  }
}

export const routerKind: NodeKind<RouterNode> = {
  type: 'router',
  asks: false,
  setsSlot: false,
  run(node, s) {
    for (const c of node.cases) {
      const [head = '', ...rest] = c.slot.split('.');
      const set = test(c, getPath(s.session.slots[head], rest));
      if (set) return { type: 'goto', next: c.next, set };
    }
    return { type: 'goto', next: node.default };
  },
  slotsSet: (node) => node.cases.flatMap((c) => (c.test === 'has_pattern' && c.pattern ? groupNames(c.pattern) : [])),
  exits: (node) => [...node.cases.map((c) => c.next), ...(node.default ? [node.default] : [])],
  templates: (node) => node.cases.map((c) => `{{${c.slot}}}`),
};
