import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.js';

/**
 * 主题分类: the thematic categories an account sorts its proposals by, beside the project type
 * (config/proposal-themes.yaml; the default is the ten of Chang'an district, Xi'an). A proposal
 * stores the id (cases.theme); staff set it in the console; the 报表 groups by it.
 */
export interface ProposalTheme {
  id: string;
  name: string;
}

export interface ProposalThemes {
  list: readonly ProposalTheme[];
  /** the theme of an id, or undefined for one the file does not (or no longer) name */
  find(id: string): ProposalTheme | undefined;
  /** what staff read for a stored id: its name, or the id itself when the file dropped it */
  nameOf(id: string): string;
}

const fileSchema = z.object({
  themes: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/), name: z.string().trim().min(1).max(20) }))
    .min(1)
    .max(50)
    .refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'theme ids must be unique')
    .refine((t) => new Set(t.map((x) => x.name)).size === t.length, 'theme names must be unique'),
});

export const defaultProposalThemesFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/proposal-themes.yaml');

export function proposalThemesFrom(list: readonly ProposalTheme[]): ProposalThemes {
  const byId = new Map(list.map((t) => [t.id, t]));
  return { list, find: (id) => byId.get(id), nameOf: (id) => byId.get(id)?.name ?? id };
}

/** reads the file; a bad one is a ConfigError naming the file and the key */
export const loadProposalThemes = (file: string = defaultProposalThemesFile): ProposalThemes => proposalThemesFrom(readYamlFile(file, fileSchema).themes);

let cached: ProposalThemes | undefined;
/** config/proposal-themes.yaml, read once */
export function proposalThemes(): ProposalThemes {
  cached ??= loadProposalThemes();
  return cached;
}
