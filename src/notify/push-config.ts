import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { OutboxKind } from '../civic/outbox.js';
import { formatTextProblem, loadTextFile, parseTexts, placeholdersOf, plain, type TextRefine, type TextSpec, type TextsOf } from '../texts/text-spec.js';
import { TEMPLATE_FIELD_MAX } from '../wechat/api/index.js';
import { readYamlFile } from '../config/yaml-file.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultTemplatesFile = path.join(root, 'config/templates.yaml');
export const defaultPushTextsFile = path.join(root, 'flows/push.zh-CN.yaml');

/** the names a template field or a push text may use ({{number}} …) */
export const PLACEHOLDERS = ['number', 'title', 'kindLabel', 'status', 'fromStatus', 'update', 'note', 'progress', 'time', 'url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const OUTBOX_KINDS = ['status_changed', 'case_update', 'publicity_notice'] as const satisfies readonly OutboxKind[];

/** a template field's text: its {{placeholders}} are a push's values (the same syntax as flows/ texts) */
const filled = () =>
  z
    .string()
    .min(1)
    .superRefine((s, ctx) => {
      const bad = placeholdersOf(s).filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
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
  return readYamlFile(file, templatesSchema).templates;
}

/**
 * A push text may use any of the push's values (operators word it as they like); `must` names the
 * ones it exists to show, which it has to use.
 */
const may = (all: readonly Placeholder[], ...must: Placeholder[]) => all.map((p) => (must.includes(p) ? p : (`${p}?` as const)));
const notUpdate = PLACEHOLDERS.filter((p) => p !== 'update');

/** What flows/push.zh-CN.yaml must hold (see src/texts/text-spec.ts). */
export const pushTextSpec = {
  /** {{update}}: what kind of news it is (may use every placeholder but {{update}} itself) */
  updates: {
    status_changed: may(notUpdate, 'status'),
    note: may(notUpdate),
    milestone: may(notUpdate, 'progress'),
    transferred: may(notUpdate),
    publicity: may(notUpdate),
  },
  noNote: [],
  /** {{note}} when staff's note is longer than a template field: the whole note follows (custom.note) */
  noteLong: [],
  /**
   * a resolved report asks its resident whether it is solved (the runtime reads the answer); in a
   * customer-service text, `yes` and `no` follow the line as taps that send 1 and 2
   */
  askFeedback: plain(['short', 'line', 'yes', 'no']),
  /** a completed project asks its followers for a 评议 score */
  askRating: plain(['short', 'line']),
  /** a fulfilled wish asks its wisher whether it arrived (the runtime reads the answer) */
  askThanks: plain(['short', 'line']),
  custom: {
    status_changed: may(PLACEHOLDERS, 'number'),
    case_update: may(PLACEHOLDERS, 'number'),
    publicity_notice: may(PLACEHOLDERS, 'number'),
    noteLine: may(PLACEHOLDERS, 'note'),
    /** the whole of a note too long for the template that announced it */
    note: may(PLACEHOLDERS, 'number', 'note'),
    link: may(PLACEHOLDERS, 'url'),
  },
} as const satisfies TextSpec;

/** flows/push.zh-CN.yaml */
export type PushTexts = TextsOf<typeof pushTextSpec>;

/** the short questions fill a template field: one line that WeChat does not cut (20 characters) */
export const pushTextRefine: TextRefine<typeof pushTextSpec> = (t) =>
  [
    ...(['askFeedback', 'askRating', 'askThanks'] as const)
      .filter((k) => [...t[k].short].length > TEMPLATE_FIELD_MAX || /[\r\n]/.test(t[k].short))
      .map((k) => ({ key: `${k}.short`, message: `a template field: one line of at most ${TEMPLATE_FIELD_MAX} characters` })),
    ...([...t.noteLong].length > TEMPLATE_FIELD_MAX || /[\r\n]/.test(t.noteLong)
      ? [{ key: 'noteLong', message: `a template field: one line of at most ${TEMPLATE_FIELD_MAX} characters` }]
      : []),
  ];

/** parsed YAML → the push texts; any problem throws, naming each key */
export function parsePushTexts(raw: unknown): PushTexts {
  const { texts, problems } = parseTexts(pushTextSpec, raw, 'push texts', pushTextRefine);
  if (!texts) throw new Error(`texts not loaded:\n${problems.map(formatTextProblem).join('\n')}`);
  return texts;
}

export function loadPushTexts(file = defaultPushTextsFile): PushTexts {
  return loadTextFile(pushTextSpec, file, pushTextRefine);
}
