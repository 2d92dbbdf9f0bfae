import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { OutboxKind } from '../civic/outbox.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultTemplatesFile = path.join(root, 'config/templates.yaml');
export const defaultPushTextsFile = path.join(root, 'flows/push.zh-CN.yaml');

/** the names a template field or a push text may use ({{number}} …) */
export const PLACEHOLDERS = ['number', 'title', 'kindLabel', 'status', 'fromStatus', 'update', 'note', 'progress', 'time', 'url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const OUTBOX_KINDS = ['status_changed', 'case_update', 'publicity_notice'] as const satisfies readonly OutboxKind[];
const UPDATES = ['status_changed', 'note', 'milestone', 'transferred', 'publicity'] as const;

function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).filter((n) => !allowed.includes(n));
}

/** a text whose {{placeholders}} are all known; `allowed` defaults to every placeholder */
const filled = (allowed: readonly string[] = PLACEHOLDERS) =>
  z
    .string()
    .min(1)
    .superRefine((s, ctx) => {
      const bad = unknownPlaceholders(s, allowed);
      if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown placeholder ${bad.map((b) => `{{${b}}}`).join(', ')}` });
    });

const fieldKey = z
  .string()
  .regex(/^[a-z][a-z_]*\d*$/, 'a template key such as thing1, character_string2, time3')
  .refine((k) => k !== 'first' && k !== 'remark', 'first/remark were removed from template messages in 2023');

const templateSchema = z.object({
  /** null: no template for this kind (customer-service message or held) */
  templateId: z.string().regex(/^[\w-]{1,128}$/).nullable(),
  fields: z.record(fieldKey, filled().refine((v) => !/[\r\n]/.test(v), 'one line only')).refine((f) => Object.keys(f).length > 0, 'at least one field'),
});
export type PushTemplate = z.infer<typeof templateSchema>;

const templatesSchema = z.object({
  templates: z.object(Object.fromEntries(OUTBOX_KINDS.map((k) => [k, templateSchema.optional()])) as Record<OutboxKind, z.ZodOptional<typeof templateSchema>>).strict(),
});

/** config/templates.yaml: which template carries each outbox kind, and how its fields are filled */
export type PushTemplates = Partial<Record<OutboxKind, PushTemplate>>;

export function parsePushTemplates(raw: unknown): PushTemplates {
  return templatesSchema.parse(raw).templates;
}

export function loadPushTemplates(file = defaultTemplatesFile): PushTemplates {
  return parsePushTemplates(parse(readFileSync(file, 'utf8')));
}

const noUrl = PLACEHOLDERS.filter((p) => p !== 'update');
const textsSchema = z.object({
  /** {{update}}: what kind of news it is (may use every placeholder but {{update}} itself) */
  updates: z.object(Object.fromEntries(UPDATES.map((u) => [u, filled(noUrl)])) as Record<(typeof UPDATES)[number], ReturnType<typeof filled>>),
  noNote: z.string().min(1),
  /** a resolved report asks its resident whether it is solved (the runtime reads the answer) */
  askFeedback: z.object({ short: z.string().min(1).max(20), line: z.string().min(1) }),
  /** a completed project asks its followers for a 评议 score */
  askRating: z.object({ short: z.string().min(1).max(20), line: z.string().min(1) }),
  askThanks: z.object({ short: z.string().min(1).max(20), line: z.string().min(1) }),
  custom: z.object({
    status_changed: filled(),
    case_update: filled(),
    publicity_notice: filled(),
    noteLine: filled(),
    link: filled(),
  }),
});
/** flows/push.zh-CN.yaml */
export type PushTexts = z.infer<typeof textsSchema>;

export function parsePushTexts(raw: unknown): PushTexts {
  return textsSchema.parse(raw);
}

export function loadPushTexts(file = defaultPushTextsFile): PushTexts {
  return parsePushTexts(parse(readFileSync(file, 'utf8')));
}
