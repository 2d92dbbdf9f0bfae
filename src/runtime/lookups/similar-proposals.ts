import { z } from 'zod';
import { findSimilarProposals, neutralise } from '../../civic/index.js';
import type { LookupProvider } from './lookup-provider.js';

const args = z.object({ community: z.string().min(1), title: z.string().min(1) });

/** the title as the flow quotes it: one line of its question */
const TITLE_CHARS = 30;

/**
 * `similar_proposals` (proposal.yaml): proposals of the same community still collected (征集) with a
 * title like this one, most alike first, as `[{ caseId, title, supporters }]`; `[]` when none.
 */
export const similarProposals: LookupProvider = async (raw, ctx) => {
  const a = args.safeParse(raw);
  if (!a.success) return [];
  const found = await findSimilarProposals(ctx.db, { communityId: a.data.community, title: a.data.title, openid: ctx.openid });
  // another resident's words, quoted to this one: neutralised (no markup, no link)
  return found.map((p) => ({
    caseId: p.caseId,
    title: neutralise(p.title.length > TITLE_CHARS ? `${p.title.slice(0, TITLE_CHARS)}…` : p.title),
    supporters: p.supporters,
  }));
};
