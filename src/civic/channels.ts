import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.js';

/**
 * 渠道: how a case came in (config/channels.yaml). 'wechat' (the resident through the bot) and
 * 'open311' (a partner system) are built in; the others are what staff pick when they file on a
 * resident's behalf (电话, 窗口, 网格巡查 …). A case stores the id (cases.channel).
 */
export const BUILTIN_CHANNELS = ['wechat', 'open311'] as const;
export type BuiltinChannel = (typeof BUILTIN_CHANNELS)[number];

export interface Channel {
  id: string;
  label: string;
}

export interface Channels {
  /** what staff may pick in 新建事项 (not the built-in ones) */
  staff: readonly Channel[];
  /** every channel, built-in first: the dashboard's order */
  all: readonly Channel[];
  /** a channel staff may file through */
  isStaffChannel(id: string): boolean;
  /** what staff read for a stored id: its label, or the id itself when the file dropped it */
  labelOf(id: string): string;
}

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
const labelSchema = z.string().trim().min(1).max(20);

const fileSchema = z.object({
  channels: z
    .array(z.object({ id: idSchema, label: labelSchema }))
    .min(1)
    .max(30)
    .refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'channel ids must be unique')
    .refine((c) => c.every((x) => !(BUILTIN_CHANNELS as readonly string[]).includes(x.id)), 'wechat and open311 are built in: list them under builtin'),
  builtin: z.object({ wechat: labelSchema, open311: labelSchema }).strict(),
});

export const defaultChannelsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/channels.yaml');

export function channelsFrom(file: z.output<typeof fileSchema>): Channels {
  const builtin = BUILTIN_CHANNELS.map((id) => ({ id, label: file.builtin[id] }));
  const all = [...builtin, ...file.channels];
  const byId = new Map(all.map((c) => [c.id, c]));
  const staff = new Set(file.channels.map((c) => c.id));
  return { staff: file.channels, all, isStaffChannel: (id) => staff.has(id), labelOf: (id) => byId.get(id)?.label ?? id };
}

/** reads the file; a bad one is a ConfigError naming the file and the key */
export const loadChannels = (file: string = defaultChannelsFile): Channels => channelsFrom(readYamlFile(file, fileSchema));

let cached: Channels | undefined;
/** config/channels.yaml, read once */
export function channels(): Channels {
  cached ??= loadChannels();
  return cached;
}
