import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { civicTexts, fill } from './texts.js';
import { readYamlFile } from '../config/yaml-file.js';

/** an extra question a partner system answers when it files a report through Open311 (GeoReport v2 service definition) */
const attributeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  description: z.string().min(1),
  datatypeDescription: z.string().optional(),
  values: z.array(z.object({ key: z.string().regex(/^[a-z0-9_]+$/), name: z.string().min(1) })).optional(),
});

const categorySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  name: z.string().min(1),
  /** a sentence about what belongs here (Open311 services list) */
  description: z.string().optional(),
  /** words a partner system may match on (Open311 keywords) */
  keywords: z.array(z.string().min(1)).optional(),
  /** Open311 attributes: what a partner system must or may add; residents are not asked */
  attributes: z.array(attributeSchema).optional(),
  dueWorkingDays: z.number().int().min(1).max(60),
  /** words that make a report of this category urgent (倒树压线, 井盖缺失): 110/119 at once, due within dueHours */
  danger: z.object({ dueHours: z.number().int().min(1).max(72), words: z.array(z.string().min(2)).min(1) }).optional(),
});
const fileSchema = z.object({ categories: z.array(categorySchema).min(1) });

export type Category = z.infer<typeof categorySchema>;
export type CategoryAttribute = z.infer<typeof attributeSchema>;

/** The report categories of flows/categories.yaml; cases store the machine id, residents read the name. */
export interface CategoryCatalog {
  list: readonly Category[];
  /** by id or by display name; undefined when unknown */
  find(idOrName: string): Category | undefined;
  /** like find, but an unknown category is AppError 'bad_request' */
  get(idOrName: string): Category;
  /** the display name of a stored id (the id itself when the catalogue no longer knows it) */
  nameOf(id: string): string;
}

export function categoryCatalog(list: Category[]): CategoryCatalog {
  const byKey = new Map<string, Category>();
  for (const c of list) {
    if (byKey.has(c.id)) throw new Error(`duplicate category id ${c.id}`);
    byKey.set(c.id, c);
  }
  for (const c of list) if (!byKey.has(c.name)) byKey.set(c.name, c);
  const find = (k: string) => byKey.get(k.trim());
  return {
    list,
    find,
    get(k) {
      const c = find(k);
      if (!c) throw new AppError('bad_request', fill(civicTexts.errors.unknownCategory, { category: k }), { reason: 'unknown_category' });
      return c;
    },
    nameOf: (id) => byKey.get(id)?.name ?? id,
  };
}

/** the danger word a report of `category` with this text names (倒树压线, 燃气泄漏), or undefined */
export function dangerIn(category: Category | undefined, text: string): string | undefined {
  if (!category?.danger) return undefined;
  const flat = text.replace(/\s+/g, '');
  return category.danger.words.find((w) => flat.includes(w));
}

export const defaultCategoriesFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../flows/categories.yaml',
);

export function loadCategories(file: string = defaultCategoriesFile): CategoryCatalog {
  const parsed = readYamlFile(file, fileSchema);
  return categoryCatalog(parsed.categories);
}

let cached: CategoryCatalog | undefined;
/** flows/categories.yaml, read once */
export function defaultCategories(): CategoryCatalog {
  cached ??= loadCategories();
  return cached;
}
