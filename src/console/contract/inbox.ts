/** The escalation inbox: tickets, transcript, replies, notes, live events. */
import { z } from 'zod';
import { voiceSchema } from './voices.js';
import { flag, id, iso, nonEmpty, page, pageSize } from './common.js';


export const TICKET_STATUSES = ['queued', 'assigned', 'resolved'] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export const TICKET_STATUS_LABELS = { queued: '待接单', assigned: '处理中', resolved: '已结束' } as const;

export const ticketSchema = z.object({
  id: z.number(),
  status: ticketStatusSchema,
  statusLabel: z.string(),
  reason: z.string(),
  /** masked for display (o-ab…xy); the server never needs it back */
  residentLabel: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  openedAt: iso,
  resolvedAt: iso.nullable(),
  lastMessageAt: iso.nullable(),
  /** the last message's text, ≤ 60 characters (data, never HTML) */
  lastMessagePreview: z.string().nullable(),
  waitingMinutes: z.number(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const inboxListQuerySchema = z.object({
  status: z.union([ticketStatusSchema, z.literal('open'), z.literal('all')]).default('open'),
  mine: flag.optional(),
  communityId: z.string().min(1).optional(),
  page,
  pageSize,
});
export const inboxListResponseSchema = z.object({ items: z.array(ticketSchema), total: z.number() });

export const transcriptEntrySchema = z.object({
  id: z.number(),
  at: iso,
  direction: z.enum(['in', 'out']),
  /** resident | bot | staff | note | system */
  kind: z.enum(['resident', 'bot', 'staff', 'note', 'system']),
  /** staff:<id> / note:<id> resolved to a display name */
  senderName: z.string().nullable(),
  msgType: z.string(),
  /** plain text exactly as sent or received; render as text, never as HTML */
  body: z.string(),
  /** an internal note: never sent to the resident */
  internal: z.boolean(),
  /** a resident's voice message: its audio and words (absent when it could not be downloaded) */
  voice: voiceSchema.optional(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const quotaSchema = z.object({
  open: z.boolean(),
  remaining: z.number(),
  windowEndsAt: iso.nullable(),
  /** the template notice can be sent (a template id is configured) */
  notifyAvailable: z.boolean(),
});
export type Quota = z.infer<typeof quotaSchema>;

export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  /** the flow's answers so far when the resident asked for a person */
  context: z.record(z.string(), z.unknown()),
  transcript: z.array(transcriptEntrySchema),
  residentCases: z.array(
    z.object({ number: z.number(), kind: z.string(), kindLabel: z.string(), status: z.string(), statusLabel: z.string(), title: z.string(), role: z.string(), createdAt: iso }),
  ),
  quota: quotaSchema,
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const assignBodySchema = z.object({ assigneeId: id });
export const replyBodySchema = z.object({ text: nonEmpty.max(600) });
export const replyResponseSchema = z.object({ message: transcriptEntrySchema, quota: quotaSchema });
export const notifyBodySchema = z.object({ text: nonEmpty.max(20).optional() });
export const notifyResponseSchema = z.object({ msgId: z.string(), message: transcriptEntrySchema });
export const noteBodySchema = z.object({ text: nonEmpty.max(2000) });
export const ticketResponseSchema = z.object({ ticket: ticketSchema, changed: z.boolean() });
export const cannedRepliesResponseSchema = z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })) });

/** what GET /inbox/stream sends (SSE `event: inbox`, data = this JSON); the SPA refetches */
export const inboxEventSchema = z.object({
  type: z.enum(['ticket_opened', 'ticket_updated', 'message']),
  ticketId: z.number(),
  communityId: z.string().nullable(),
  status: ticketStatusSchema.optional(),
  assigneeId: z.number().nullable().optional(),
  at: iso,
});
export type InboxEvent = z.infer<typeof inboxEventSchema>;

