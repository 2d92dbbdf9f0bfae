import type { z } from 'zod';
import { listCommunities, listEnvelopes, setEnvelope, type EnvelopeStanding } from '../../civic/index.js';
import { writeAudit } from '../audit.js';
import { scopeOf } from '../auth/policy.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { actorOf, civicCtx } from '../cases/actions.js';
import type { envelopeBodySchema, envelopeListQuerySchema, envelopeListResponseSchema, envelopeSchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { assertStreetScope } from './street-scope.js';

type Envelope = z.infer<typeof envelopeSchema>;

/**
 * 年度预算: the streets of the user's scope, each with its own envelope and its communities' (a
 * community account sees its own community's), for a year; none set is null (approving is not limited).
 */
export async function envelopeList(deps: ConsoleDeps, me: StaffPrincipal, q: z.output<typeof envelopeListQuerySchema>): Promise<z.infer<typeof envelopeListResponseSchema>> {
  const s = scopeOf(me);
  const all = await listCommunities(deps.db, q.streetId);
  const visible = all.filter((c) => (s.kind === 'all' ? true : s.kind === 'street' ? c.streetId === s.streetId : s.kind === 'community' ? c.id === s.communityId : false));
  const streetIds = [...new Set(visible.map((c) => c.streetId))];
  const envelopes = await listEnvelopes(deps.db, { streetIds, year: q.year });
  const names = new Map(all.map((c) => [c.id, c.name]));
  const streetNames = new Map(all.map((c) => [c.streetId, c.streetName]));
  const shown = (e: EnvelopeStanding): Envelope => ({ ...e, streetName: streetNames.get(e.streetId) ?? e.streetId, communityName: e.communityId ? (names.get(e.communityId) ?? e.communityId) : null });
  const find = (streetId: string, communityId: string | null) => envelopes.find((e) => e.streetId === streetId && e.communityId === communityId);
  return {
    year: q.year,
    streets: streetIds.map((streetId) => {
      const own = s.kind === 'community' ? undefined : find(streetId, null);
      return {
        streetId,
        streetName: streetNames.get(streetId) ?? streetId,
        own: own ? shown(own) : null,
        communities: visible
          .filter((c) => c.streetId === streetId)
          .map((c) => {
            const e = find(streetId, c.id);
            return { communityId: c.id, communityName: c.name, envelope: e ? shown(e) : null };
          }),
      };
    }),
  };
}

/** sets an envelope: the street checked inside the civic operation's transaction; the audit row commits with it */
export async function envelopeSet(deps: ConsoleDeps, me: StaffPrincipal, b: z.output<typeof envelopeBodySchema>): Promise<Envelope> {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await setEnvelope(tx, { envelope: b, actor: actorOf(me), authorizeStreet: (streetId) => assertStreetScope(tx, me, streetId) }, ctx.now);
    await writeAudit(tx, {
      staffId: me.id,
      action: 'budget.envelope',
      target: `budget_envelope:${b.streetId}/${b.communityId ?? '-'}/${b.year}`,
      before: { amount: r.before },
      after: { amount: b.amount },
      at: ctx.now,
    });
    const communities = await listCommunities(tx, b.streetId);
    const streetName = communities[0]?.streetName ?? b.streetId;
    return { ...r.envelope, streetName, communityName: b.communityId ? (communities.find((c) => c.id === b.communityId)?.name ?? b.communityId) : null };
  });
}
