import { AppError } from '../../errors.js';
import { civicTexts, fill } from '../texts.js';

/** one proposal a meeting could not decide as chosen, in the words the rule that refused it used */
export interface CouncilRefusalLine {
  caseId: number;
  /** the HTTP-like status of the refusal (400, 403, 404, 409) */
  status: number;
  /** the machine reason (illegal_transition, invalid_data, out_of_scope …) */
  reason: string;
  message: string;
}

/**
 * The whole decision refused: nothing of the meeting was kept. The message says how many and then
 * each proposal's reason on a line of its own; `refusals` holds them one by one for a screen.
 */
export class CouncilRefusal extends AppError {
  constructor(readonly refusals: readonly CouncilRefusalLine[]) {
    super(
      refusals.some((r) => r.status === 403) ? 'forbidden' : 'bad_request',
      [
        fill(civicTexts.council.refused, { count: refusals.length }),
        ...refusals.map((r) => fill(civicTexts.council.refusedLine, { number: r.caseId, message: r.message })),
      ].join('\n'),
      { reason: 'council_refused' },
    );
  }
}

export const isCouncilRefusal = (e: unknown): e is CouncilRefusal => e instanceof CouncilRefusal;
