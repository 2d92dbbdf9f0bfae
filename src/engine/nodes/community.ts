import { z } from 'zod';
import type { Community } from '../context.js';
import type { Json } from '../json.js';
import { matchOption } from '../match-option.js';
import { renderOptions } from '../menu-link.js';
import type { NodeKind, Scope } from '../node-kind.js';
import { fill, getPath } from '../template.js';
import { zhText } from '../zh-text.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';

/**
 * `community`: pick a community from `ctx.communities` by number, name or alias; the slot holds the
 * community id. Up to `linksUpTo` communities are rendered as tappable links, more as plain
 * numbered lines. Without a list the question is skipped with an `error` event.
 *
 * `from`: a slot path where a lookup put the community it found (the place's): on the way forward
 * the question is then skipped and that community taken; a found place with none asks again.
 *
 * `streets`: the list is asked one street at a time (short, tappable): the street of `streets.from`
 * (a slot path) or of the answer so far, else the streets first. Each list ends with `unsure`
 * (不清楚): the slot becomes `{ street }` (null when the street is not known either), so the
 * street office sorts it out; `shown` is how a summary reads it ({{street}}: the street's name).
 *
 * ```yaml
 * community:
 *   type: community
 *   prompt: 这个项目在哪个社区？请回复数字或社区名称：
 *   next: location
 * where:
 *   type: community
 *   prompt: 这是哪个社区的问题？请回复数字：
 *   from: place.community
 *   streets: { prompt: 这是哪个街道的问题？请回复数字：, from: place.street, unsure: 不清楚, shown: "{{street}}（社区待定）", unknown: 街道待定 }
 *   next: photos
 * ```
 */
export const communityNode = z.object({
  type: z.literal('community'),
  ...askFields,
  ...optionalField,
  linksUpTo: z.number().int().min(0).max(30).default(12),
  from: z.string().min(1).optional(),
  streets: z
    .object({
      prompt: zhText,
      from: z.string().min(1).optional(),
      unsure: zhText,
      unsureSynonyms: z.array(z.string().min(1)).default([]),
      shown: zhText,
      /** how a summary reads 不清楚 when the street is not known either */
      unknown: zhText,
    })
    .optional(),
});

export type CommunityNode = z.infer<typeof communityNode>;

type Option = { number: number; label: string; synonyms: string[]; value: Json };

const options = (list: readonly Community[]): Option[] =>
  list.map((c, i) => ({ number: i + 1, label: c.name, synonyms: c.aliases ? [...c.aliases] : [], value: c.id }));

const isStreetAnswer = (v: Json | undefined): v is { street: string | null } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && 'street' in v && (typeof v.street === 'string' || v.street === null);

/** the streets of the list, in order of first appearance */
function streetsOf(list: readonly Community[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const c of list) if (c.streetId && !seen.has(c.streetId)) seen.set(c.streetId, c.street ?? c.streetId);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** the street whose communities are listed: the answer so far, the node's `streets.from`, or the only one */
function currentStreet(node: CommunityNode, s: Scope): string | undefined {
  const list = s.ctx.communities ?? [];
  const known = new Set(streetsOf(list).map((x) => x.id));
  const so = s.session.slots[s.slot];
  if (isStreetAnswer(so) && so.street && known.has(so.street)) return so.street;
  if (node.streets?.from) {
    const [head = '', ...rest] = node.streets.from.split('.');
    const v = getPath(s.session.slots[head], rest);
    if (typeof v === 'string' && known.has(v)) return v;
  }
  return known.size === 1 ? [...known][0] : undefined;
}

/** the options on screen now: the street's communities, or the streets; each with 不清楚 last when by street */
function level(node: CommunityNode, s: Scope, picked?: string): { streets: boolean; options: Option[]; links: boolean } {
  const list = s.ctx.communities ?? [];
  if (!node.streets) return { streets: false, options: options(list), links: list.length <= node.linksUpTo };
  const unsure = (value: Json, n: number): Option => ({ number: n, label: node.streets!.unsure, synonyms: node.streets!.unsureSynonyms, value });
  const street = picked ?? currentStreet(node, s);
  if (street) {
    const own = options(list.filter((c) => c.streetId === street));
    return { streets: false, options: [...own, unsure({ street }, own.length + 1)], links: own.length < node.linksUpTo };
  }
  const streets = streetsOf(list).map((x, i): Option => ({ number: i + 1, label: x.name, synonyms: [], value: { street: x.id } }));
  return { streets: true, options: [...streets, unsure({ street: null }, streets.length + 1)], links: streets.length < node.linksUpTo };
}

function promptOf(node: CommunityNode, s: Scope, street?: string): string {
  const l = level(node, s, street);
  return `${s.render(l.streets ? node.streets!.prompt : node.prompt)}\n${renderOptions(l.options, l.links)}`;
}

export const communityKind: NodeKind<CommunityNode> = {
  type: 'community',
  asks: true,
  setsSlot: true,
  prompt: promptOf,
  accept(node, input, s) {
    if (isSkip(node, input, s)) return { type: 'answer', value: null };
    const l = level(node, s);
    const text = input.type === 'text' ? input.text : undefined;
    const picked = text !== undefined ? matchOption(l.options, text) : undefined;
    // a community named while the streets (or another street) are listed
    const named = !picked && text !== undefined ? matchOption(options(s.ctx.communities ?? []), text) : undefined;
    if (named) return { type: 'answer', value: named.value };
    if (!picked) return invalid(node, s, 'community', input, renderOptions(l.options, l.links));
    // a street picked: its communities are asked next, here
    if (l.streets && isStreetAnswer(picked.value) && picked.value.street)
      return { type: 'stay', value: picked.value, reply: promptOf(node, s, picked.value.street) };
    return { type: 'answer', value: picked.value };
  },
  format(node, value, s) {
    if (isStreetAnswer(value)) {
      const street = streetsOf(s.ctx.communities ?? []).find((x) => x.id === value.street)?.name;
      return street ? fill(node.streets?.shown ?? '{{street}}', { street }) : (node.streets?.unknown ?? String(value.street));
    }
    return s.ctx.communities?.find((c) => c.id === value)?.name ?? String(value);
  },
  acceptsPrefill: (node, value, s) =>
    (s.ctx.communities ?? []).some((c) => c.id === value) || (!!node.streets && isStreetAnswer(value)),
  preset(node, s) {
    if (!node.from) return undefined;
    const [head = '', ...rest] = node.from.split('.');
    if (s.session.slots[head] === undefined) return undefined;
    const v = getPath(s.session.slots[head], rest);
    // the place was looked up: its community, or none (null: ask)
    return typeof v === 'string' && (s.ctx.communities ?? []).some((c) => c.id === v) ? v : null;
  },
  onEdit(node, s) {
    // 改社区: start from the street lists, not from the answer given
    if (node.streets && isStreetAnswer(s.session.slots[s.slot])) delete s.session.slots[s.slot];
  },
  unavailable: (_node, s) => ((s.ctx.communities ?? []).length === 0 ? 'no communities in the context: community question skipped' : undefined),
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : []), ...(node.streets ? [node.streets.prompt] : [])],
};
