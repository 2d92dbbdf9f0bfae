import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { CivicTexts } from '../civic-texts.js';
import { edge, type Edge } from './kind.js';

/**
 * A move that turns a case down (不予受理, 不予采纳, 未采纳): staff give the reason, as `reason` or as
 * the public note; it is kept on the case and shown on its page. `missing` names the refusal's own
 * words for a move without one.
 */
export const refusal = <S extends string>(from: readonly S[], to: S, missing: (errors: CivicTexts['errors']) => string): Edge<S> =>
  edge({
    from,
    to,
    actors: ['staff'],
    public: true,
    data: z.object({ reason: z.string().trim().min(1).optional() }),
    apply: (d, c) => {
      const reason = d.reason ?? c.publicNote;
      if (!reason) throw new AppError('bad_request', missing(c.texts.errors), { reason: 'reason_required' });
      return { rejectReason: reason };
    },
  });
