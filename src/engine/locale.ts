import { z } from 'zod';
import { zhText } from './zh-text.js';

/**
 * The engine's generic texts (flows/locale.zh-CN.yaml): hints for invalid answers, cancel and
 * draft questions, the handoff offer. Every key is required, so a missing text fails flows:check.
 * Placeholders: {{flow}} flow name, {{keyword}} its first keyword, {{summary}}, {{min}}, {{max}},
 * {{n}}, {{left}}, {{place}}. A flow may override any of `texts` in its own `texts:`.
 */
export const localeTextsSchema = z.object({
  cancelTip: zhText,
  cancelConfirm: zhText,
  cancelled: zhText,
  cancelKept: zhText,
  repromptLead: zhText,
  draftOffer: zhText,
  draftOfferHint: zhText,
  draftContinue: zhText,
  draftRestart: zhText,
  expired: zhText,
  handoffOffer: zhText,
  handoffRequested: zhText,
  failed: zhText,
  tooShort: zhText,
  tooLong: zhText,
  photoReceived: zhText,
  photosDone: zhText,
  photoKept: zhText,
  photosFull: zhText,
  locationKept: zhText,
  notProvided: zhText,
  photosCount: zhText,
  yuan: zhText,
  wanYuan: zhText,
  voiceReadBack: zhText,
  voiceAgain: zhText,
  voiceKept: zhText,
  voiceUnheard: zhText,
});

/** Default hint per node kind, when the node has none of its own. */
const hintsSchema = z.object({
  choice: zhText,
  text: zhText,
  location: zhText,
  image: zhText,
  phone: zhText,
  community: zhText,
  confirm: zhText,
  money: zhText,
});

/** Said before the hint when the resident sent the wrong kind of message (a photo when a location was asked). */
const receivedSchema = z.object({
  image: zhText,
  location: zhText,
  voice: zhText,
  voiceChoice: zhText,
  voiceFailed: zhText,
  video: zhText,
  other: zhText,
});

const words = z.array(z.string().min(1)).min(1);

/** Words residents type, matched after normalising (case, width, punctuation). */
const wordsSchema = z.object({
  skip: words,
  done: words,
  handoff: words,
  cancelYes: words,
  cancelNo: words,
  draftContinue: words,
  draftRestart: words,
  voiceYes: words,
  voiceNo: words,
});

export const localeSchema = z.object({
  locale: z.literal('zh-CN'),
  texts: localeTextsSchema,
  hints: hintsSchema,
  received: receivedSchema,
  words: wordsSchema,
});

export type Locale = z.infer<typeof localeSchema>;
export type LocaleTexts = Locale['texts'];
export type HintKind = keyof Locale['hints'];
