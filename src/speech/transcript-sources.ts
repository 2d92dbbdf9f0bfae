/**
 * Who wrote a voice message's words: WeChat's Recognition, the configured recogniser, or a staff
 * member's correction. Plain (no imports): the voice table and the console's contract (which the
 * browser bundles) both read it.
 */
export const TRANSCRIPT_SOURCES = ['wechat', 'recogniser', 'staff'] as const;
export type TranscriptSource = (typeof TRANSCRIPT_SOURCES)[number];
