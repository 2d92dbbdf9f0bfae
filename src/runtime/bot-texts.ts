import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const flowsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../flows');

const schema = z.object({
  help: z.string().min(1),
  busy: z.string().min(1),
  welcome: z.string().min(1),
  welcomeCommunity: z.string().min(1),
  rateLimited: z.string().min(1),
  mediaUnsupported: z.string().min(1),
});

export type BotTexts = z.infer<typeof schema>;

/** The runtime's own texts (help menu, busy notice …) from flows/bot.zh-CN.yaml. */
export function loadBotTexts(file = path.join(flowsDir, 'bot.zh-CN.yaml')): BotTexts {
  return schema.parse(parse(readFileSync(file, 'utf8')));
}

/** {{name}} placeholders; unknown names are left as they are so a typo is visible, not silent. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
