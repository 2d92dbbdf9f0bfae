import { asc, eq, sql } from 'drizzle-orm';
import { channels, envelopeForCase, PUBLIC_EVENT_TYPES, statusLabel, supportOf, supporterCounts, type CaseRow } from '../../civic/index.js';
import { maskPhones } from '../../civic/text.js';
import { caseEvents, cases, evaluations, milestones, subscriptions } from '../../db/schema.js';
import type { Db } from '../../db/client.js';
import { chinaYear } from '../../texts/format.js';
import { defaultCategories } from '../../civic/categories.js';
import { open311ExtrasOf } from '../../open311/request-extras.js';
import { can } from '../auth/policy.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CaseDetail } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { isoOrNull, maskOpenid, maskPhone } from '../http.js';
import { kindFeatures } from '../kind-features.js';
import { staffNames } from '../staff.js';
import { claimsForStaff } from './claims.js';
import { fundingForStaff } from './funding.js';
import { casePhotosForStaff } from './photo-moderation.js';
import { publicTextOf } from './public-text.js';
import { selectCases } from './query.js';
import { toSummary } from './summary.js';
import { nextTransitionsOf } from './transition-fields.js';
import { voicesOfCase } from '../voices.js';

/** a staff actor id is the staff user's id ("12", or "staff:12" from older callers) */
const staffIdOf = (actorId: string | null): number | undefined => {
  const m = /^(?:staff:)?(\d+)$/.exec(actorId ?? '');
  return m ? Number(m[1]) : undefined;
};

/**
 * Everything staff see of one case (the caller has checked scope): the facts, the whole timeline
 * with internal notes, photos, milestones, subscribers, evaluations and the moves they may make,
 * and what its kind carries: a wish's value, its claims with their contacts, the 资金来源 lines.
 * An account without seeContacts (deputies, auditors) sees phones and claimers' contacts masked;
 * one without transition is offered no moves.
 */
export async function caseDetail(deps: ConsoleDeps, me: StaffPrincipal, row: CaseRow): Promise<CaseDetail> {
  const { db } = deps;
  const now = deps.now();
  const masked = !can(me, 'seeContacts');
  const features = kindFeatures(row.kind);
  const [listed] = await selectCases(db, eq(cases.id, row.id), { limit: 1 });
  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const names = await staffNames(db, events.flatMap((e) => (e.actorType === 'staff' ? [staffIdOf(e.actorId) ?? 0] : [])));
  const actorName = (e: (typeof events)[number]): string | null => {
    if (e.actorType === 'staff') {
      const id = staffIdOf(e.actorId);
      return id ? (names.get(id) ?? `工作人员 #${id}`) : (e.actorId ?? '工作人员');
    }
    if (e.actorType === 'resident') return e.actorId ? `居民 ${maskOpenid(e.actorId)}` : '居民';
    // a partner system (an Open311 key): its name is not known here
    if (e.actorType === 'partner') return '对接系统';
    return '系统';
  };
  /** 由 张三 代为登记（电话）: the created entry of a case someone filed on a resident's behalf */
  const filingOf = (e: (typeof events)[number]): string | null => {
    const channel = e.data.channel;
    if (e.type !== 'created' || typeof channel !== 'string' || e.actorType === 'resident') return null;
    return `由 ${actorName(e) ?? ''} 代为登记（${channels().labelOf(channel)}）`;
  };
  const photos = await casePhotosForStaff(db, row.id);
  const voices = await voicesOfCase(db, row.id);
  const ms = await db.select().from(milestones).where(eq(milestones.caseId, row.id)).orderBy(asc(milestones.date), asc(milestones.id));
  const subs = await db
    .select({ role: subscriptions.role, n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(eq(subscriptions.caseId, row.id))
    .groupBy(subscriptions.role);
  const sub = (role: string) => Number(subs.find((s) => s.role === role)?.n ?? 0);
  const [ev] = await db
    .select({
      satisfied: sql<number>`count(*) filter (where ${evaluations.satisfied} = true)::int`,
      unsatisfied: sql<number>`count(*) filter (where ${evaluations.satisfied} = false)::int`,
      avg: sql<string | null>`avg(${evaluations.score})::text`,
      ratings: sql<number>`count(${evaluations.score})::int`,
    })
    .from(evaluations)
    .where(eq(evaluations.caseId, row.id));
  const summary = toSummary(listed!, now, deps.config);
  return {
    case: {
      ...summary,
      description: masked ? maskPhones(row.description) : row.description,
      beneficiaries: row.beneficiaries,
      batch: row.batch,
      publicityStart: isoOrNull(row.publicityStart),
      publicityEnd: isoOrNull(row.publicityEnd),
      duplicateOf: row.duplicateOf,
      rejectReason: row.rejectReason,
      location: { lat: row.lat, lng: row.lng, label: row.locationLabel },
      phone: masked ? maskPhone(row.phone) : row.phone,
      residentLabel: row.openid ? maskOpenid(row.openid) : null,
      channel: row.channel,
      channelLabel: channels().labelOf(row.channel),
      contactName: row.contactName && masked ? `${[...row.contactName][0]}*` : row.contactName,
    },
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actorType: e.actorType,
      actorName: actorName(e),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      toStatusLabel: e.toStatus ? statusLabel(row.kind, e.toStatus) : null,
      publicNote: e.publicNote,
      internalNote: e.internalNote,
      data: e.data,
      public: (PUBLIC_EVENT_TYPES as readonly string[]).includes(e.type) || e.publicNote !== null,
      filing: filingOf(e),
    })),
    photos,
    voices,
    publicText: await publicTextOf(db, row),
    milestones: ms.map((m) => ({ id: m.id, date: m.date.toISOString(), note: m.note, percent: m.percent })),
    subscribers: { authors: sub('author'), supporters: sub('supporter'), followers: sub('follower'), total: subs.reduce((n, s) => n + Number(s.n), 0) },
    supporters: (await supporterCounts(db, [row.id])).get(row.id) ?? 0,
    support: await supportOf(db, row),
    evaluation: {
      satisfied: Number(ev?.satisfied ?? 0),
      unsatisfied: Number(ev?.unsatisfied ?? 0),
      averageScore: ev?.avg != null ? Math.round(Number(ev.avg) * 10) / 10 : null,
      ratings: Number(ev?.ratings ?? 0),
    },
    nextTransitions: can(me, 'transition') ? nextTransitionsOf(row) : [],
    ...(features.budget ? { envelope: await envelopeShown(db, row, now) } : {}),
    value: features.value ? { estimated: row.estimatedCost, given: row.actualCost } : null,
    claims: features.claims ? await claimsForStaff(db, row.id, { masked }) : null,
    funding: features.funding ? await fundingForStaff(db, row.id) : null,
    open311: row.channel === 'open311' ? await open311ExtrasOf(db, row.id, defaultCategories()) : null,
  };
}

/** the year's envelope a proposal would spend if approved now (not counting itself), or null when none is set */
async function envelopeShown(db: Db, row: CaseRow, now: Date) {
  const e = await envelopeForCase(db, row, chinaYear(now));
  return e ? { year: e.year, amount: e.amount, spent: e.spent, remaining: e.remaining } : null;
}
