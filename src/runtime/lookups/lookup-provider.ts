import type { Db } from '../../db/client.js';
import type { Json } from '../../engine/json.js';

/** what a provider may use to answer: the database and who is asking, when */
export interface LookupContext {
  db: Db;
  openid: string;
  now: Date;
}

/**
 * Answers a flow's `lookup` node (`lookup_requested { name, args }`) with JSON the flow keeps as a
 * slot. The args come from the flow's slots: parse them, and answer with an empty value rather than
 * throw when they do not fit, so the flow goes on.
 */
export type LookupProvider = (args: Readonly<Record<string, Json>>, ctx: LookupContext) => Promise<Json>;
