import { parseCommand } from '../../intent/commands.js';
import { answerCommand } from '../commands.js';
import { handoffText } from '../duty-text.js';
import { handOver } from '../handoff.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/**
 * The global commands, before any flow: 取消 (the flow asks before cancelling filled answers), 人工
 * (a person gets the conversation with the flow's context; its answers are kept as a draft), and
 * the commands answered with facts (查询 N, 我的, 订阅 / 退订, 公示, 统计, 帮助): a digression in
 * the middle of a flow is answered, then the pending question is asked again.
 */
export const globalCommand =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    const cmd = typed ? parseCommand(typed.raw) : null;
    if (!cmd) return undefined;
    const live = await c.driver.waiting(turn);
    if (cmd.type === 'cancel') return live ? (await c.driver.resume(live, { type: 'cancel' }, turn)).texts : [c.texts.cancelNothing];
    // with a person in the conversation human-owned.ts ends it; here there is none to end
    if (cmd.type === 'end_handoff') return live ? [c.texts.handoffNone, ...(await c.driver.resume(live, { type: 'reprompt' }, turn)).texts] : [c.texts.handoffNone];
    if (cmd.type === 'handoff') {
      const context = live ? { flowId: live.flowId, nodeId: live.nodeId, slots: live.slots } : {};
      if (live) c.driver.setAside(live, turn);
      const created = await handOver(c.db, c.inbox, { openid: turn.openid, reason: 'resident', context, now: turn.now });
      turn.residentChanged();
      return [handoffText(c.texts, c.duty, turn.now, !created)];
    }
    const answer = await answerCommand(cmd, turn.openid, turn.now, {
      db: c.db,
      texts: c.texts,
      ...(c.caseUrl ? { caseUrl: c.caseUrl } : {}),
      ...(c.pageUrl ? { pageUrl: c.pageUrl } : {}),
    });
    if (!live) return [answer];
    return [answer, ...(await c.driver.resume(live, { type: 'reprompt' }, turn)).texts];
  };
