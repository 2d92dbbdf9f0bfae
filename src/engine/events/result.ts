import { z } from 'zod';
import { jsonValue } from '../json.js';

/**
 * `result`: a slot was set (goflow's run_result_changed). Photos emit one per photo, with the whole
 * list so far, so the runtime can download each new media id at once (they expire after 3 days).
 *
 * ```json
 * { "type": "result", "name": "category", "value": "streetlight" }
 * ```
 */
export const resultEvent = z.object({ type: z.literal('result'), name: z.string(), value: jsonValue });
export type ResultEvent = z.infer<typeof resultEvent>;
export const example: ResultEvent = { type: 'result', name: 'category', value: 'streetlight' };
