import { z } from 'zod';
import { findNearbyOpenReports, neutralise } from '../../civic/index.js';
import type { LookupProvider } from './lookup-provider.js';

const args = z.object({
  category: z.string().min(1),
  location: z.object({ lat: z.number(), lng: z.number(), label: z.string().optional() }),
});

/** the description as the flow quotes it: short enough for one line of its question */
const DESCRIPTION_CHARS = 40;

/**
 * `nearby_duplicates` (report.yaml): open reports of the same category near the shared point,
 * closest first, as `[{ caseId, description, locationLabel, distanceMeters, supporters }]`; `[]`
 * when nothing is near or the location was typed (no point to measure from).
 */
export const nearbyDuplicates: LookupProvider = async (raw, ctx) => {
  const a = args.safeParse(raw);
  if (!a.success) return [];
  const found = await findNearbyOpenReports(ctx.db, { category: a.data.category, lat: a.data.location.lat, lng: a.data.location.lng, now: ctx.now });
  // another resident's words, quoted to this one: neutralised (no markup, no link)
  return found.map((r) => ({
    caseId: r.caseId,
    description: neutralise(r.description.length > DESCRIPTION_CHARS ? `${r.description.slice(0, DESCRIPTION_CHARS)}…` : r.description),
    locationLabel: neutralise(r.locationLabel ?? ''),
    distanceMeters: Math.round(r.distanceMeters),
    supporters: r.supporters,
  }));
};
