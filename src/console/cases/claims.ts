import { listClaims, maskPhones, type ClaimerType as CivicClaimerType } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import type { CaseClaim, ClaimerType } from '../contract.js';
import { isoOrNull, maskPhone } from '../http.js';

/** the contract's claimer types are the claims table's, word for word (or this does not build) */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameTypes: Same<ClaimerType, CivicClaimerType> = true;
void sameTypes;

/** 李经理 → 李** : enough to tell two contacts apart, not enough to call one */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
};

/**
 * 认领 of a case as staff see them (the caller has checked scope): every offer, oldest first, with
 * the contact the claim page took. The contact is never public; deputies (read and comment) see it
 * masked, as they see residents' phones.
 */
export async function claimsForStaff(db: Db, caseId: number, o: { masked: boolean }): Promise<CaseClaim[]> {
  const rows = await listClaims(db, caseId);
  return rows.map((r) => ({
    id: r.id,
    claimerName: r.claimerName,
    claimerType: r.claimerType,
    contactName: o.masked ? maskName(r.contactName) : r.contactName,
    contactPhone: o.masked ? (maskPhone(r.contactPhone) ?? '') : r.contactPhone,
    note: r.note === null ? null : o.masked ? maskPhones(r.note) : r.note,
    status: r.status,
    source: r.source,
    createdAt: r.createdAt.toISOString(),
    decidedAt: isoOrNull(r.decidedAt),
  }));
}
