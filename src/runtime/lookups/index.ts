import type { LookupProvider } from './lookup-provider.js';
import { nearbyDuplicates } from './nearby-duplicates.js';
import { placeCommunity } from './place-community.js';
import { similarProposals } from './similar-proposals.js';

export type { LookupContext, LookupProvider } from './lookup-provider.js';

/**
 * Every lookup a flow may name, by name. The flows are checked against this list at boot and by
 * flows:check (a lookup node whose name is not here is a problem naming file and node).
 */
export const lookupProviders: Readonly<Record<string, LookupProvider>> = {
  nearby_duplicates: nearbyDuplicates,
  place_community: placeCommunity,
  similar_proposals: similarProposals,
};
