import { z } from 'zod';

/**
 * What flow slots look like when they reach a kind's `slots` schema: JSON the engine kept from the
 * resident's answers. A skipped optional question leaves null or nothing; text is trimmed and blank
 * text is absent. These pieces turn slots into the kind's submit fields.
 */

/** trimmed text, or undefined when missing, null or blank */
export const textSlot = z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), z.string().optional());

/** a shared point ({ lat, lng, label? }) or a typed address ({ label }); anything else is no location */
export const locationSlot = z.preprocess((v) => {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const label = typeof o.label === 'string' && o.label.trim() ? o.label.trim() : undefined;
  if (typeof o.lat === 'number' && typeof o.lng === 'number') return { lat: o.lat, lng: o.lng, ...(label ? { label } : {}) };
  return label ? { label } : undefined;
}, z.object({ lat: z.number().optional(), lng: z.number().optional(), label: z.string().optional() }).optional());

/** whole yuan as the money question keeps them → fen (分), as the database keeps money */
export const yuanSlot = z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : undefined), z.number().int().optional());

/**
 * a community question's answer → the case's place: a community id, or `{ street }` when the
 * resident did not know the community (不清楚: that street sorts it out; null, not even the street)
 */
export const communitySlot = z.preprocess(
  (v) => {
    if (typeof v === 'string' && v.trim()) return { communityId: v.trim() };
    if (v && typeof v === 'object' && !Array.isArray(v) && 'street' in v) {
      const street = (v as { street: unknown }).street;
      return { triageStreetId: typeof street === 'string' && street ? street : null };
    }
    return {};
  },
  z.object({ communityId: z.string().min(1).optional(), triageStreetId: z.string().min(1).nullable().optional() }),
);
