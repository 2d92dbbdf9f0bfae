import { TemplateFieldError } from './errors.js';

/** WeChat's limit per template field since 2023-05 (characters, counted as code points here) */
export const TEMPLATE_FIELD_MAX = 20;

/** keys WeChat dropped in 2023-05: sending them is a bug in the caller */
const LEGACY_KEYS = new Set(['first', 'remark']);

export type TemplateDataInput = Record<string, string | { value: string }>;

const codePoints = (s: string) => [...s].length;

/**
 * Checks every data field against WeChat's template rules and returns the wire form
 * ({ key: { value } }). WeChat would silently truncate or drop what breaks them; we refuse,
 * naming the field, so the caller fixes the text (fitTemplateField) instead of a resident
 * reading half a sentence.
 */
export function validateTemplateData(data: TemplateDataInput): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [field, input] of Object.entries(data)) {
    if (LEGACY_KEYS.has(field)) {
      throw new TemplateFieldError(field, 'legacy_key', `"${field}" was removed from template messages in 2023 and is not shown`);
    }
    let value: unknown = input;
    if (typeof input === 'object' && input !== null) {
      const extra = Object.keys(input).filter((k) => k !== 'value');
      if (extra.length) throw new TemplateFieldError(field, 'legacy_key', `unsupported ${extra.join(', ')} (colours are no longer shown)`);
      value = input.value;
    }
    if (typeof value !== 'string') throw new TemplateFieldError(field, 'not_text', 'value must be text');
    if (/[\r\n\u2028\u2029]/.test(value)) throw new TemplateFieldError(field, 'newline', 'value must be one line');
    const n = codePoints(value);
    if (n > TEMPLATE_FIELD_MAX) {
      throw new TemplateFieldError(field, 'too_long', `${n} characters, at most ${TEMPLATE_FIELD_MAX} (use fitTemplateField)`);
    }
    out[field] = { value };
  }
  return out;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * Makes text fit one template field: line breaks and runs of spaces become one space, and text
 * over `max` characters is cut at a character boundary (never inside an emoji or a combining
 * sequence) and ends with "…".
 */
export function fitTemplateField(s: string, max = TEMPLATE_FIELD_MAX): string {
  const flat = s.replace(/[\r\n\u2028\u2029\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  if (codePoints(flat) <= max) return flat;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(flat)) {
    const n = codePoints(segment);
    if (used + n > max - 1) break;
    out += segment;
    used += n;
  }
  return `${out.trimEnd()}…`;
}
