import type { SupportOutcome } from '../civic/support.js';
import { fill, type BotTexts } from './bot-texts.js';

/** what the resident is told of a support (支持 N, or 支持它 at the similar-proposals offer): each outcome with what they can do next */
export function supportText(r: SupportOutcome, number: number, texts: BotTexts): string {
  switch (r.outcome) {
    case 'supported':
      return fill(texts.supported, { number, count: r.count });
    case 'already':
      return fill(texts.supportAlready, { number, count: r.count });
    case 'own':
      return fill(texts.supportOwn, { number });
    case 'closed':
      return fill(texts.supportClosed, { number, status: r.statusLabel });
    case 'not_proposal':
      return fill(texts.supportNotProposal, { number });
  }
}
