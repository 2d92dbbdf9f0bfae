import { AppError } from '../../errors.js';
import { formatMoney } from '../../texts/format.js';
import type { EdgeContext } from '../kinds/kind.js';
import { fill } from '../texts.js';

/**
 * The envelope rule of a move to 确定 (approve, 议事会确定, promotion from 备选库): the approved budget
 * may not exceed what the year's envelope of the case's place has left, unless the caller may
 * override (a manager: EdgeContext.authorizeOverride) and gives a reason, which the move's event
 * keeps. Where the street set no envelope nothing is refused.
 */
export async function checkEnvelope(c: EdgeContext, cost: number, overrideReason: string | undefined): Promise<void> {
  const e = await c.envelope();
  if (!e || cost <= e.remaining) return;
  const words = { cost: formatMoney(cost), remaining: formatMoney(Math.max(0, e.remaining)), amount: formatMoney(e.amount), year: e.year };
  if (!overrideReason) throw new AppError('bad_request', fill(c.texts.errors.overBudget, words), { reason: 'over_budget' });
  if (!c.authorizeOverride) throw new AppError('forbidden', fill(c.texts.errors.overBudgetNotAllowed, words), { reason: 'override_not_allowed' });
  await c.authorizeOverride();
}
