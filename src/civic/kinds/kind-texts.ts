import path from 'node:path';
import { flowsDir, loadTextFile, plain, type TextSpec, type TextsOf } from '../../texts/text-spec.js';
import { edgeKey, edgeNeeds, type CaseKindModule, type Edge } from './kind.js';
import { CASE_KINDS, type CaseKind } from './names.js';
import { kindModule } from './registry.js';

/**
 * The words of each kind, one section per kind in flows/kinds.zh-CN.yaml: its label (报修), its
 * statuses as residents and staff read them, the moves in the words staff click (受理) and what
 * each needs, the steps of its public stage indicator, its status notices, and the words its module
 * asks for (the receipt a resident reads once it is filed …). The spec of each section is read off
 * the kind's module, so a status or move without words fails the start, naming file and key.
 * The headings of its public page are in every section.
 */
export function kindTextSpec(m: CaseKindModule): TextSpec {
  const lc = m.lifecycle;
  const statuses = Object.keys(lc.statuses);
  const notices = statuses.filter((s) => (lc.statuses as Record<string, { notice?: true }>)[s]!.notice);
  return {
    label: [],
    status: plain(statuses),
    actions: plain(lc.edges.map(edgeKey)),
    needs: plain(lc.edges.filter(edgeNeeds).map(edgeKey)),
    steps: plain(lc.steps),
    page: plain(['description', 'accepted', 'resolved']),
    ...(notices.length ? { notices: plain(notices) } : {}),
    ...m.texts,
  };
}

/** what every kind's section holds, whatever its module adds */
export interface KindWords {
  label: string;
  status: Readonly<Record<string, string>>;
  actions: Readonly<Record<string, string>>;
  needs: Readonly<Record<string, string>>;
  steps: Readonly<Record<string, string>>;
  /** on its public page: the description's heading, the names of the 受理 and 办结 dates */
  page: { description: string; accepted: string; resolved: string };
  notices?: Readonly<Record<string, string>>;
}

export const kindTextsFile = path.join(flowsDir, 'kinds.zh-CN.yaml');
export const kindsTextSpec: TextSpec = Object.fromEntries(CASE_KINDS.map((k) => [k, kindTextSpec(kindModule(k))]));

const loaded = loadTextFile(kindsTextSpec, kindTextsFile) as unknown as Record<CaseKind, KindWords & TextsOf<TextSpec>>;

/** a kind's words (its module's own as well: pass them to its receipt) */
export const kindTexts = (kind: CaseKind): KindWords & TextsOf<TextSpec> => loaded[kind];

/** 报修, 微实事 … */
export const kindLabel = (kind: CaseKind): string => loaded[kind].label;

/** The zh-CN label residents read for a status; the key itself when the kind has no such status. */
export function statusLabel(kind: CaseKind, status: string): string {
  const labels = loaded[kind].status;
  return Object.hasOwn(labels, status) ? labels[status]! : status;
}

/** the move in the words staff click (受理, 重办) */
export const actionLabel = (kind: CaseKind, e: Edge): string => loaded[kind].actions[edgeKey(e)]!;

/** what the move needs, in words; null when it needs nothing */
export const needsLabel = (kind: CaseKind, e: Edge): string | null => (edgeNeeds(e) ? loaded[kind].needs[edgeKey(e)]! : null);

/** the words of the steps of a kind's public stage indicator, in order */
export const stepLabels = (kind: CaseKind): string[] => kindModule(kind).lifecycle.steps.map((s) => loaded[kind].steps[s]!);
