import { MAX_CASE_ID } from './case-ref.js';

/** 异议 12 …: the case and, when given, the resident's reason (the rest of the message, as typed) */
export interface ObjectionCommand {
  caseId: number;
  reason?: string;
}

/**
 * 「异议 12 这个位置会挡住消防通道」, 「我要提异议 #12：太吵」, 「异议１２」. Unlike the other commands
 * (intent/commands.ts) the words after the number are kept as typed: they are the reason. The word
 * must open the message and a case number must follow it, so a sentence that only mentions 异议 is
 * not one (我对这个有异议 is left to the rest of the bot).
 */
const OBJECTION_RE = /^\s*(?:我要|我想|我)?(?:提出|提个|提)?(?:公示)?异议[\s:：,，]*(?:[#＃]|第|编号)?\s*(?<digits>[0-9０-９]+)\s*号?(?<rest>.*)$/su;

export function parseObjection(text: string): ObjectionCommand | null {
  const m = OBJECTION_RE.exec(text);
  if (!m?.groups) return null;
  const caseId = Number(m.groups.digits!.normalize('NFKC'));
  if (!Number.isSafeInteger(caseId) || caseId < 1 || caseId > MAX_CASE_ID) return null;
  // the separator after the number is not part of the reason
  const reason = m.groups.rest!.replace(/^[\s:：,，。、;；-]+/u, '').trim();
  return reason ? { caseId, reason } : { caseId };
}
