import type { FlowDef, FlowNode } from '../flow-schema.js';
import { numbered } from '../match-option.js';
import { kindOf } from '../nodes/registry.js';
import { slotOf } from '../node-kind.js';
import { placeholders } from '../template.js';
import type { Problem } from './problem.js';

type Found = Omit<Problem, 'file'>;

function duplicates<T>(xs: readonly T[]): T[] {
  return [...new Set(xs.filter((x, i) => xs.indexOf(x) !== i))];
}

/**
 * The graph rules of one flow (goflow's flow.validate): the start node exists, every exit lands on
 * a node, every node is reachable from the start, option numbers are unique, every {{placeholder}}
 * names a slot some node sets, 改… options go back to a question, questions lead somewhere.
 */
export function graphChecks(def: FlowDef): Found[] {
  const found: Found[] = [];
  const nodes = def.nodes;
  if (!nodes[def.start]) found.push({ message: `start node '${def.start}' does not exist` });

  const slots = new Set([
    ...def.params,
    ...Object.entries(nodes).flatMap(([id, n]) => [...(kindOf(n).setsSlot ? [slotOf(n, id)] : []), ...(kindOf(n).slotsSet?.(n) ?? [])]),
  ]);
  const checkTemplate = (template: string, node?: string) => {
    for (const p of placeholders(template)) {
      const head = p.split('.')[0] ?? p;
      if (!slots.has(head)) found.push({ ...(node ? { node } : {}), message: `{{${p}}} is not a slot any node sets` });
    }
  };
  if (def.summary) checkTemplate(def.summary);

  for (const [id, node] of Object.entries(nodes)) {
    const kind = kindOf(node);
    const exits = kind.exits(node);
    for (const to of exits) if (!nodes[to]) found.push({ node: id, message: `exit '${to}' does not land on a node` });
    if (kind.asks && exits.length === 0) found.push({ node: id, message: 'this question leads nowhere: give it a next' });
    for (const t of kind.templates(node)) checkTemplate(t, id);
    found.push(...optionChecks(id, node, nodes));
    if (node.type === 'choice' && node.shortlist && !def.params.includes(node.shortlist.slot))
      found.push({ node: id, message: `shortlist.slot '${node.shortlist.slot}' is not one of the flow's params` });
  }

  const seen = new Set<string>();
  const queue = nodes[def.start] ? [def.start] : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = nodes[id];
    if (node) queue.push(...kindOf(node).exits(node).filter((to) => nodes[to]));
  }
  for (const id of Object.keys(nodes)) if (!seen.has(id) && nodes[def.start]) found.push({ node: id, message: `not reachable from the start node '${def.start}'` });
  found.push(...triggerChecks(def));
  return found;
}

/** a trigger that answers a slot needs a question of the right kind that sets it */
function triggerChecks(def: FlowDef): Found[] {
  const found: Found[] = [];
  const askedBy = (slot: string) => Object.entries(def.nodes).find(([id, n]) => kindOf(n).asks && kindOf(n).setsSlot && slotOf(n, id) === slot)?.[1];
  const want = (trigger: string, slot: string | undefined, type: FlowNode['type']) => {
    if (slot === undefined) return;
    const node = askedBy(slot);
    if (node?.type !== type) found.push({ message: `triggers.${trigger}: '${slot}' is not the slot of a ${type} question` });
  };
  want('location', def.triggers.location, 'location');
  want('intentSlot', def.triggers.intentSlot, 'text');
  return found;
}

function optionChecks(id: string, node: FlowNode, nodes: FlowDef['nodes']): Found[] {
  const found: Found[] = [];
  if (node.type === 'choice' || node.type === 'confirm') {
    const opts = numbered<{ number?: number | undefined; label: string }>(node.options ?? []);
    for (const n of duplicates(opts.map((o) => o.number))) found.push({ node: id, message: `option number ${n} is used twice` });
    for (const l of duplicates(opts.map((o) => o.label))) found.push({ node: id, message: `option label '${l}' is used twice` });
  }
  if (node.type === 'choice') {
    const values = (node.options ?? []).map((o) => o.value);
    for (const v of duplicates(values)) found.push({ node: id, message: `option value '${v}' is used twice` });
    for (const key of Object.keys(node.synonyms ?? {}))
      if (node.options && !values.includes(key)) found.push({ node: id, message: `synonyms for '${key}', which is not an option value` });
    for (const v of node.shortlist?.always ?? [])
      if (node.options && !values.includes(v)) found.push({ node: id, message: `shortlist.always '${v}' is not an option value` });
  }
  if (node.type === 'confirm') {
    for (const o of node.options) {
      const target = o.edit ? nodes[o.edit] : undefined;
      if (o.edit && target && !kindOf(target).asks) found.push({ node: id, message: `'${o.label}' edits '${o.edit}', which asks nothing` });
    }
  }
  return found;
}
