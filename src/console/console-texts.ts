import path from 'node:path';
import { flowsDir, loadTextFile, type TextRefine, type TextSpec, type TextsOf } from '../texts/text-spec.js';
import { TEMPLATE_FIELD_MAX } from '../wechat/api/index.js';

/**
 * What flows/console.zh-CN.yaml must hold (see src/texts/text-spec.ts): the words the console
 * writes for residents. (Staff's own words are still in the console's TypeScript; they would join
 * this file as a `staff` section.)
 */
export const consoleTextSpec = {
  residents: {
    staffReplied: [],
    merged: ['number'],
    staffSays: ['name', 'text'],
    staffSaysNoName: ['text'],
    ticketResolved: [],
    // the answers to ticketResolved's rating question, each a tap sending its number
    rateSatisfied: [],
    rateFair: [],
    rateUnsatisfied: [],
  },
} as const satisfies TextSpec;

export type ConsoleTexts = TextsOf<typeof consoleTextSpec>;

export const consoleTextsFile = path.join(flowsDir, 'console.zh-CN.yaml');

/** the inbox's notice fills a template field: one line that WeChat does not cut */
export const consoleTextRefine: TextRefine<typeof consoleTextSpec> = (t) =>
  [...t.residents.staffReplied].length > TEMPLATE_FIELD_MAX || /[\r\n]/.test(t.residents.staffReplied)
    ? [{ key: 'residents.staffReplied', message: `a template field: one line of at most ${TEMPLATE_FIELD_MAX} characters` }]
    : [];

let loaded: ConsoleTexts | undefined;
/**
 * The console's words, read on first use rather than at import (the service checks the file when
 * it starts, with every other text file: src/texts/registry.ts).
 */
export const consoleTexts = (): ConsoleTexts => (loaded ??= loadTextFile(consoleTextSpec, consoleTextsFile, consoleTextRefine));
