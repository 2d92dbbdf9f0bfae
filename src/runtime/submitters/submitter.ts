import type { EventOf } from '../../engine/events/index.js';
import type { HandlerContext } from '../handlers/handler.js';

/**
 * Files what a flow submitted (one kind of `submitted`), in one transaction; returns the receipt
 * the resident reads next, or `decline` when what the flow took as an answer no longer applies (the
 * case has moved on): nothing is filed and the message goes to the next responder.
 */
export type Submitter = (event: EventOf<'submitted'>, ctx: HandlerContext) => Promise<{ receipt?: string; decline?: true }>;
