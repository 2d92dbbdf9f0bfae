import { z } from 'zod';
import { zhText } from '../zh-text.js';

/** flows/categories.yaml as far as the engine needs it: the options of `source: categories`. */
export const categoriesFileSchema = z.object({
  categories: z
    .array(z.looseObject({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), name: zhText }))
    .min(1),
});

export type Category = z.infer<typeof categoriesFileSchema>['categories'][number];
