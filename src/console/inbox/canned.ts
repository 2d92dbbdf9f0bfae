import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from '../../config/yaml-file.js';

const fileSchema = z.object({
  replies: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/), title: z.string().trim().min(1).max(30), text: z.string().trim().min(1).max(600) }))
    .default([]),
});
export type CannedReply = z.infer<typeof fileSchema>['replies'][number];

export const defaultCannedRepliesFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/canned-replies.yaml');

/** config/canned-replies.yaml, checked (unique ids, lengths); a bad file stops the start */
export function loadCannedReplies(file: string = defaultCannedRepliesFile): CannedReply[] {
  const { replies } = readYamlFile(file, fileSchema, { emptyAs: {} });
  const seen = new Set<string>();
  for (const r of replies) {
    if (seen.has(r.id)) throw new Error(`${file}: duplicate canned reply id ${r.id}`);
    seen.add(r.id);
  }
  return replies;
}
