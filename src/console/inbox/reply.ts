import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { messages } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { fitTemplateField, MaybeSentError, WindowClosedError, type WechatApi } from '../../wechat/api/index.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { Quota, TranscriptEntry } from '../contract.js';
import { chinaDateTime } from '../../china-time.js';
import { consoleTexts } from '../console-texts.js';
import { findStaff } from '../staff.js';
import { fill } from '../../texts/text-spec.js';
import type { ConsoleDeps } from '../deps.js';
import { claimIfQueued } from './actions.js';
import { publishInboxEvent } from './events.js';
import { assertTicketScope, type TicketRow } from './tickets.js';
import { recordStaffMessage, toEntries } from './transcript.js';

export const NOTIFY_PATH_HINT = 'POST /api/console/inbox/:id/notify';

function apiOf(deps: ConsoleDeps): WechatApi {
  const api = deps.api();
  if (!api) throw new AppError('unavailable', '微信接口暂不可用，请稍后再试', { reason: 'no_api' });
  return api;
}

const windowClosed = () =>
  new AppError(
    'conflict',
    `无法直接回复：居民 48 小时内没有发来消息，或这段时间的 5 条客服消息已用完。可以改发模板通知（${NOTIFY_PATH_HINT}），请居民回复后再继续。`,
    { reason: 'window_closed' },
  );

const open = (t: TicketRow) => {
  if (t.status === 'resolved') throw new AppError('conflict', '该咨询已结束，居民已回到机器人服务', { reason: 'ticket_resolved' });
};

/** the resident's customer-service window, as the ledger sees it */
export async function quotaOf(deps: ConsoleDeps, openid: string): Promise<Quota> {
  const notifyAvailable = Boolean(deps.config.notifyTemplate);
  const api = deps.api();
  if (!api) return { open: false, remaining: 0, windowEndsAt: null, notifyAvailable };
  const s = await api.quota.status(openid);
  return { open: s.open && s.remaining > 0, remaining: s.remaining, windowEndsAt: s.windowEndsAt ? new Date(s.windowEndsAt).toISOString() : null, notifyAvailable };
}

/** a staff reply as the resident reads it: 工作人员 小王：… (the account's public name), so no one takes it for the bot */
async function asStaff(deps: ConsoleDeps, me: StaffPrincipal, text: string): Promise<string> {
  const name = (await findStaff(deps.db, me.id))?.publicName;
  const words = consoleTexts().residents;
  return name ? fill(words.staffSays, { name, text }) : fill(words.staffSaysNoName, { text });
}

/**
 * A staff reply: one customer-service text through the WeChat API (it takes a slot of the 48 h /
 * 5-message window), then written to the transcript as staff:<id>. A closed window is 409 with the
 * way out (the template notice). A reply takes a queued ticket for the one who answers.
 */
export async function replyToTicket(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  t: TicketRow,
  text: string,
): Promise<{ message: TranscriptEntry; quota: Quota }> {
  await assertTicketScope(deps.db, me, t);
  open(t);
  const api = apiOf(deps);
  const before = await api.quota.status(t.openid);
  if (!before.open || before.remaining <= 0) throw windowClosed();
  let uncertain = false;
  try {
    await api.custom.send(t.openid, { type: 'text', content: await asStaff(deps, me, text) });
  } catch (e) {
    if (e instanceof WindowClosedError) throw windowClosed();
    if (!(e instanceof MaybeSentError)) {
      deps.logger.warn({ err: e instanceof Error ? e.message : String(e), ticketId: t.id }, 'staff reply failed');
      throw new AppError('unavailable', '发送失败，请稍后重试', { reason: 'send_failed' });
    }
    uncertain = true;
  }
  const now = deps.now();
  const row = await recordStaffMessage(deps.db, { ticket: t, staffId: me.id, kind: 'staff', msgType: 'text', body: text, at: now, data: uncertain ? { uncertain: true } : {} });
  await writeAudit(deps.db, { staffId: me.id, action: 'ticket.reply', target: `ticket:${t.id}`, after: { messageId: row.id, chars: [...text].length, uncertain }, at: now });
  await claimIfQueued(deps, me, t);
  await publishInboxEvent(deps.store, { type: 'message', ticketId: t.id, communityId: t.communityId, at: now });
  if (uncertain)
    throw new AppError('unavailable', '发送结果不确定（微信未确认），已记入对话，请勿重复发送', { reason: 'maybe_sent' });
  const [message] = await toEntries(deps.db, [row]);
  return { message: message!, quota: await quotaOf(deps, t.openid) };
}

/**
 * 模板通知: when the window is closed, a template message (not limited by it) tells the resident
 * that staff answered and asks them to write back, which opens a new window. The template id comes
 * from the console config (CONSOLE_NOTIFY_TEMPLATE_ID); without one this is 409. The same notice
 * within 10 minutes is one send (client_msg_id) and one transcript line.
 */
export async function notifyTicket(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  t: TicketRow,
  text: string | undefined,
): Promise<{ msgId: string; message: TranscriptEntry }> {
  await assertTicketScope(deps.db, me, t);
  open(t);
  const tpl = deps.config.notifyTemplate;
  if (!tpl) throw new AppError('conflict', '未配置模板通知（CONSOLE_NOTIFY_TEMPLATE_ID），无法通知居民', { reason: 'no_template' });
  const api = apiOf(deps);
  const now = deps.now();
  const notice = fitTemplateField(text ?? consoleTexts().residents.staffReplied);
  const values: Record<string, string> = { text: notice, time: chinaDateTime(now), staff: me.displayName };
  const data = Object.fromEntries(
    Object.entries(tpl.fields).map(([k, v]) => [k, fitTemplateField(v.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? ''))]),
  );
  const digest = createHash('sha256').update(notice).digest('hex').slice(0, 10);
  const clientMsgId = `tn-${t.id}-${digest}-${Math.floor(now.getTime() / 600_000)}`;
  let msgId: string;
  try {
    ({ msgId } = await api.template.send({ touser: t.openid, templateId: tpl.templateId, clientMsgId, data, ...(tpl.url ? { url: tpl.url } : {}) }));
  } catch (e) {
    deps.logger.warn({ err: e instanceof Error ? e.message : String(e), ticketId: t.id }, 'template notice failed');
    throw new AppError('unavailable', '模板通知发送失败，请稍后重试', { reason: 'send_failed' });
  }
  const [existing] = await deps.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, t.id), eq(messages.msgType, 'template'), sql`${messages.data}->>'msgId' = ${msgId}`));
  const row = existing ?? (await recordStaffMessage(deps.db, { ticket: t, staffId: me.id, kind: 'staff', msgType: 'template', body: `[模板通知] ${notice}`, data: { msgId }, at: now }));
  if (!existing) {
    await writeAudit(deps.db, { staffId: me.id, action: 'ticket.notify', target: `ticket:${t.id}`, after: { messageId: row.id, msgId }, at: now });
    await claimIfQueued(deps, me, t);
    await publishInboxEvent(deps.store, { type: 'message', ticketId: t.id, communityId: t.communityId, at: now });
  }
  const [message] = await toEntries(deps.db, [row]);
  return { msgId, message: message! };
}
