import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { flowDefSchema, type Flow, type FlowDef } from '../flow-schema.js';
import type { Locale } from '../locale.js';
import { normalize } from '../normalize.js';
import type { Category } from './categories.js';
import { graphChecks } from './graph-checks.js';
import { nameChecks, type KnownNames } from './name-checks.js';
import type { Problem } from './problem.js';
import { commentAccidents } from './yaml-comments.js';

export interface FlowFile {
  /** as printed in problems, e.g. flows/report.yaml */
  file: string;
  text: string;
}

export interface Shared {
  locale: Locale;
  categories: readonly Category[];
}

export interface Compiled {
  flows: Map<string, Flow>;
  problems: Problem[];
}

/** zod issues as problems: `nodes.<id>.…` issues name the node. */
export function issueProblems(file: string, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((i) => {
    const path = i.path.map(String);
    const node = path[0] === 'nodes' && path.length > 1 ? path[1] : undefined;
    const where = (node ? path.slice(2) : path).join('.');
    return { file, ...(node ? { node } : {}), message: `${where ? `${where}: ` : ''}${i.message}` };
  });
}

/** Fills `source: categories` options and merges the flow's text overrides into the locale. */
function resolve(def: FlowDef, shared: Shared): Flow {
  const nodes: FlowDef['nodes'] = {};
  for (const [id, node] of Object.entries(def.nodes)) {
    nodes[id] =
      node.type === 'choice' && node.source === 'categories' && !node.options
        ? { ...node, options: shared.categories.map((c) => ({ value: c.id, label: c.name })) }
        : node;
  }
  const locale: Locale = { ...shared.locale, texts: { ...shared.locale.texts, ...def.texts } };
  return { ...def, nodes, locale };
}

/**
 * Reads flow files (pure: the texts are given): YAML, then the zod schema, then the graph rules of
 * each flow, the names only the runtime knows (`known`: submitted kinds, lookups), then the rules
 * across flows (unique ids, unique trigger keywords). A flow with problems is left out of `flows`.
 */
export function compileFlows(files: readonly FlowFile[], shared: Shared, known: KnownNames = {}): Compiled {
  const flows = new Map<string, Flow>();
  const problems: Problem[] = [];
  const keywordOwner = new Map<string, string>();
  /** the flow a shared location, or a photo, outside any flow starts: one each at most */
  const mediaOwner = new Map<'location' | 'image', string>();
  /** the flow that answers each kind of follow-up question: one at most */
  const followUpOwner = new Map<string, string>();
  for (const { file, text } of files) {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) {
      problems.push({ file, message: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      continue;
    }
    const r = flowDefSchema.safeParse(doc.toJS());
    if (!r.success) {
      problems.push(...issueProblems(file, r.error.issues));
      continue;
    }
    const def = r.data;
    const found = [...commentAccidents(file, doc), ...[...graphChecks(def), ...nameChecks(def, known)].map((p) => ({ file, ...p }))];
    if (Object.values(def.nodes).some((n) => n.type === 'choice' && n.source === 'categories') && shared.categories.length === 0)
      found.push({ file, message: 'a choice uses source: categories, but no categories are loaded' });
    if (flows.has(def.id)) found.push({ file, message: `flow id '${def.id}' is used by another file` });
    for (const k of def.triggers.keywords) {
      const key = normalize(k);
      const owner = keywordOwner.get(key);
      if (owner !== undefined) found.push({ file, message: `keyword '${k}' is also a trigger of flow '${owner}'` });
      else keywordOwner.set(key, def.id);
    }
    for (const media of ['location', 'image'] as const) {
      if (!def.triggers[media]) continue;
      const owner = mediaOwner.get(media);
      if (owner !== undefined) found.push({ file, message: `triggers.${media}: flow '${owner}' already starts on a ${media === 'image' ? 'photo' : 'location'} sent outside any flow` });
      else mediaOwner.set(media, def.id);
    }
    const ask = def.triggers.followUp;
    if (ask !== undefined) {
      const owner = followUpOwner.get(ask);
      if (owner !== undefined) found.push({ file, message: `triggers.followUp: flow '${owner}' already answers '${ask}'` });
      else followUpOwner.set(ask, def.id);
    }
    problems.push(...found);
    if (found.length === 0) flows.set(def.id, resolve(def, shared));
  }
  return { flows, problems };
}
