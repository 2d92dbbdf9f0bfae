import { z } from 'zod';
import { CASE_KINDS } from '../civic/kinds/names.js';
import { statusAttrs } from '../civic/kinds/registry.js';
import { neutralise } from '../civic/text.js';
import { menuLink } from '../engine/menu-link.js';
import type { CasePushPayload } from '../civic/outbox.js';
import { fill } from '../texts/text-spec.js';
import { fitTemplateField } from '../wechat/api/index.js';
import type { Placeholder, PushTemplate, PushTexts } from './push-config.js';
import { chinaDateTime } from '../china-time.js';

/** The push an outbox row carries (civic's CasePushPayload), read back from the JSON column. */
export const pushPayloadSchema = z
  .object({
    caseId: z.number().int(),
    caseNumber: z.number().int(),
    kind: z.enum(CASE_KINDS),
    kindLabel: z.string(),
    update: z.enum(['status_changed', 'note', 'milestone', 'transferred', 'publicity']),
    status: z.string(),
    statusLabel: z.string(),
    fromStatus: z.string().optional(),
    fromStatusLabel: z.string().optional(),
    title: z.string(),
    description: z.string(),
    publicNote: z.string().nullable(),
    at: z.string(),
    percent: z.number().optional(),
    duplicateOf: z.number().optional(),
  })
  .loose() satisfies z.ZodType<CasePushPayload>;
export type PushPayload = z.infer<typeof pushPayloadSchema>;


export const casePageUrl = (publicUrl: string, caseNumber: number) => `${publicUrl.replace(/\/+$/, '')}/c/${caseNumber}`;

/** the status reached asks the resident something (the kind's status attributes say what) */
export const asksOf = (p: PushPayload) => (p.update === 'status_changed' ? statusAttrs(p.kind, p.status)?.asks : undefined);

/** the question the push asks, when it asks one; `taps`: its answers, for a text that can carry links */
function question(p: PushPayload, texts: PushTexts): { short: string; line: string; taps?: readonly string[] } | undefined {
  switch (asksOf(p)) {
    case 'feedback':
      // 1 已解决 / 2 没解决, each sending its number (feedback.yaml reads 1 and 2)
      return { ...texts.askFeedback, taps: [menuLink('1', 1, texts.askFeedback.yes), menuLink('2', 2, texts.askFeedback.no)] };
    case 'rating':
      return texts.askRating;
    case 'thanks':
      return texts.askThanks;
    case undefined:
      return undefined;
  }
}

/** every placeholder's value for one push */
export function pushValues(p: PushPayload, texts: PushTexts, publicUrl: string): Record<Placeholder, string> {
  const base = {
    number: String(p.caseNumber),
    // a subscriber may not be the author: what residents typed reaches them neutralised (no markup, no link)
    title: neutralise(p.title),
    kindLabel: p.kindLabel,
    status: p.statusLabel,
    fromStatus: p.fromStatusLabel ?? '',
    // a resolved report's last field asks 问题解决了吗 (staff's note is on the linked case page); a
    // note too long for the field is never cut: the field says the whole note follows (owesFullNote)
    note: question(p, texts)?.short ?? (owesFullNote(p) ? texts.noteLong : p.publicNote?.trim() ? neutralise(p.publicNote.trim()) : texts.noNote),
    progress: p.percent === undefined ? '' : `${p.percent}%`,
    time: chinaDateTime(new Date(p.at)),
    url: casePageUrl(publicUrl, p.caseNumber),
  };
  return { ...base, update: fill(texts.updates[p.update], base) };
}

/** the outbox kind of a note too long for the template that announced it, sent whole on its own (notify's, not civic's) */
export const FULL_NOTE_KIND = 'case_note';

/**
 * Staff's note does not fit a template field (20 characters on one line): the template says so
 * (noteLong) and the whole note follows as a FULL_NOTE_KIND push (deliver.ts), so no resident reads
 * 「…请拨打123…」 with the number cut off.
 */
export function owesFullNote(p: PushPayload): boolean {
  const note = p.publicNote?.trim();
  return Boolean(note) && fitTemplateField(note!) !== note!.replace(/[\r\n\u2028\u2029\t]+/g, ' ').replace(/ {2,}/g, ' ');
}

/** the template's data, each field fitted to one line of at most 20 characters */
export function templateData(tpl: PushTemplate, values: Record<Placeholder, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tpl.fields).map(([key, text]) => [key, fitTemplateField(fill(text, values)) || '-']));
}

/** the customer-service text sent when no template can carry the push */
export function customText(kind: string, p: PushPayload, texts: PushTexts, values: Record<Placeholder, string>): string {
  if (kind === FULL_NOTE_KIND) return fill(texts.custom.note, { ...values, note: neutralise(p.publicNote?.trim() ?? '') });
  const head = kind === 'publicity_notice' ? texts.custom.publicity_notice : kind === 'case_update' ? texts.custom.case_update : texts.custom.status_changed;
  const lines = [fill(head, values)];
  if (p.publicNote?.trim()) lines.push(fill(texts.custom.noteLine, { ...values, note: neutralise(p.publicNote.trim()) }));
  const q = question(p, texts);
  if (q) lines.push(q.line, ...(q.taps ?? []));
  lines.push(fill(texts.custom.link, values));
  return lines.join('\n');
}
