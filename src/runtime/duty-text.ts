import { chinaDate, clockText, nextOnDuty, type DutyHours } from '../civic/index.js';
import { formatDate } from '../texts/format.js';
import { fill, type BotTexts } from './bot-texts.js';

/**
 * What the resident reads on 人工: that a person will answer soon (on duty), or when they will
 * (今天 9:00 / 明天 9:00 / 12月8日 9:00); `again` for a repeated 人工 on a ticket still waiting.
 */
export function handoffText(texts: BotTexts, duty: DutyHours, now: Date, again: boolean): string {
  const hours = { from: clockText(duty.from), to: clockText(duty.to) };
  const when = nextDutyText(texts, duty, now);
  if (when === undefined) return again ? texts.handoffAlready : fill(texts.handoffQueued, hours);
  return again ? fill(texts.handoffAlreadyOffDuty, { when }) : fill(texts.handoffQueuedOffDuty, { when, ...hours });
}

/**
 * 人工 typed inside a flow (the engine's handoff repair, which already said 正在为您转接): outside duty
 * hours, the line that says when someone will answer, as the 人工 command says it; on duty, nothing.
 */
export function offDutyNote(texts: BotTexts, duty: DutyHours, now: Date): string | undefined {
  const when = nextDutyText(texts, duty, now);
  return when === undefined ? undefined : fill(texts.handoffOffDutyNote, { when, from: clockText(duty.from), to: clockText(duty.to) });
}

/** when staff next answer (今天 9:00 / 明天 9:00 / 12月8日 9:00), or undefined while they are on duty */
function nextDutyText(texts: BotTexts, duty: DutyHours, now: Date): string | undefined {
  const next = nextOnDuty(now, duty);
  if (!next) return undefined;
  const time = clockText(duty.from);
  const days = Math.round((Date.parse(chinaDate(next)) - Date.parse(chinaDate(now))) / 86_400_000);
  return days === 0 ? fill(texts.dutyToday, { time }) : days === 1 ? fill(texts.dutyTomorrow, { time }) : fill(texts.dutyOn, { date: formatDate(next, now), time });
}
