import { kindModule, statusAttrs, type CaseKind, type Edge } from '../../civic/index.js';

/**
 * The move a case's next-step picker preselects: the nearest step further along the kind's main
 * path (受理 from 已提交, 办结 rather than 处理中 only when 处理中 is not offered). Refusals and
 * merges lead off the path (phase 'off'), 退回 / 重办 lead back (a lower step, or a move with a key
 * of its own), so none of them is ever preselected: a wrong click there tells residents their case
 * was dropped. Undefined when no move goes forward; staff then choose.
 */
export function forwardMove(kind: CaseKind, from: string, staffOnly = true): string | undefined {
  const here = statusAttrs(kind, from);
  if (!here) return undefined;
  const ahead = (e: Edge) => {
    const to = statusAttrs(kind, e.to);
    return !!to && e.key === undefined && to.phase !== 'off' && to.step > here.step;
  };
  const moves = kindModule(kind).lifecycle.edges.filter((e) => e.from.includes(from) && (!staffOnly || e.actors.includes('staff')) && ahead(e));
  return moves.sort((a, b) => statusAttrs(kind, a.to)!.step - statusAttrs(kind, b.to)!.step)[0]?.to;
}
