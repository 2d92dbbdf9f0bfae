import { z } from 'zod';
import { findCommunity, getResident, loadPlaceMap, placeOf } from '../../civic/index.js';
import type { LookupProvider } from './lookup-provider.js';

const args = z.object({
  location: z
    .object({ lat: z.number().optional(), lng: z.number().optional(), label: z.string().optional() })
    .nullable()
    .optional(),
});

/**
 * `place_community` (report.yaml): where the reported place is, as
 * `{ community, street, outside, office, served }`: the community its words or its point lie in
 * (civic/place.ts); only the street when that is all it says; `outside: true` with who serves it
 * (`office`) when it lies outside every street the account serves (`served`: their names). The
 * resident's own community is the answer only when the place says nothing, or names their street.
 */
export const placeCommunity: LookupProvider = async (raw, ctx) => {
  const a = args.safeParse(raw);
  const location = a.success ? (a.data.location ?? {}) : {};
  const map = loadPlaceMap();
  const place = placeOf(map, location);
  const served = map.served.join('、');
  if (place.type === 'outside') return { community: null, street: null, outside: true, office: place.office ?? null, served };
  if (place.type === 'community') return { community: place.communityId, street: place.streetId, outside: false, office: null, served };
  const own = (await getResident(ctx.db, ctx.openid))?.communityId;
  const home = own ? await findCommunity(ctx.db, own) : undefined;
  if (place.type === 'street') {
    const mine = home?.streetId === place.streetId ? home.id : null;
    return { community: mine, street: place.streetId, outside: false, office: null, served };
  }
  return { community: home?.id ?? null, street: home?.streetId ?? null, outside: false, office: null, served };
};
