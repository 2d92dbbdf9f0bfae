import { z } from 'zod';
import { jsonValue } from '../json.js';

/**
 * `lookup_requested`: the pure engine asks the runtime for facts it cannot know (database rows).
 * The session waits; the runtime answers at once with the input
 * `{ "type": "lookup_result", "name": <name>, "data": … }`.
 * `nearby_duplicates` (report.yaml) expects `data` to be civic's NearbyReport list in JSON, closest
 * first (`[{ "caseId": 123, "description": "…", … }]`), or `[]` when nothing is near.
 *
 * ```json
 * { "type": "lookup_requested", "name": "nearby_duplicates",
 *   "args": { "category": "streetlight", "location": { "lat": 22.54, "lng": 113.93, "label": "桃源村3栋" } } }
 * ```
 */
export const lookupRequestedEvent = z.object({
  type: z.literal('lookup_requested'),
  name: z.string(),
  args: z.record(z.string(), jsonValue),
});
export type LookupRequestedEvent = z.infer<typeof lookupRequestedEvent>;
export const example: LookupRequestedEvent = {
  type: 'lookup_requested',
  name: 'nearby_duplicates',
  args: { category: 'streetlight', location: { lat: 22.54, lng: 113.93, label: '桃源村3栋' } },
};
