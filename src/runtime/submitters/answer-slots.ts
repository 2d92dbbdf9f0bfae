import { z } from 'zod';
import { isAppError } from '../../errors.js';

/** the case the push asked about (the follow-up flow's `caseId` param) */
export const caseIdSlot = z.number().int().positive();

/** the resident's words, as civic keeps them (500 characters at most); blank is none */
export const commentSlot = z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined), z.string().optional());

/**
 * A civic refusal of an answer (the case is no longer resolved, already rated, not theirs): the
 * question no longer applies, so the message was not an answer after all.
 */
export const noLongerAsked = (e: unknown): boolean =>
  isAppError(e) && (e.code === 'conflict' || e.code === 'forbidden' || e.code === 'not_found' || e.code === 'bad_request');
