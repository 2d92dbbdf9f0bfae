import { eq } from 'drizzle-orm';
import type { CategoryCatalog } from '../civic/categories.js';
import type { Db } from '../db/client.js';
import { open311Keys, open311Requests } from '../db/schema.js';

/** what staff read of a case filed through Open311 besides the case: which partner, its attributes in words, the media_url it referred to */
export interface Open311Extras {
  partner: string;
  keyId: number;
  attributes: { label: string; value: string }[];
  /** a reference the partner gave, never fetched: staff open it themselves */
  mediaUrl: string | null;
}

export async function open311ExtrasOf(db: Db, caseId: number, categories: CategoryCatalog): Promise<Open311Extras | null> {
  const [r] = await db
    .select({ keyId: open311Requests.keyId, serviceCode: open311Requests.serviceCode, attributes: open311Requests.attributes, mediaUrl: open311Requests.mediaUrl, partner: open311Keys.name })
    .from(open311Requests)
    .innerJoin(open311Keys, eq(open311Keys.id, open311Requests.keyId))
    .where(eq(open311Requests.caseId, caseId));
  if (!r) return null;
  const defs = categories.find(r.serviceCode)?.attributes ?? [];
  // in the definition's order (jsonb keeps its own)
  const order = (code: string) => {
    const i = defs.findIndex((d) => d.code === code);
    return i < 0 ? defs.length : i;
  };
  const entries = Object.entries(r.attributes).sort(([a], [b]) => order(a) - order(b));
  const attributes = entries.map(([code, v]) => {
    const d = defs.find((x) => x.code === code);
    const words = (k: string) => d?.values?.find((x) => x.key === k)?.name ?? k;
    return { label: d?.description ?? code, value: (Array.isArray(v) ? v : [v]).map(words).join(', ') };
  });
  return { partner: r.partner, keyId: r.keyId, attributes, mediaUrl: r.mediaUrl };
}
