import type { TranscriptSource } from './transcript-sources.js';

/** a voice as the recognisers take it: the playable audio (MP3) and its length */
export interface VoiceAudio {
  buffer: Buffer;
  contentType: string;
  filename: string;
  durationMs: number;
}

/** words heard in a voice, and who heard them */
export interface Transcript {
  text: string;
  source: Exclude<TranscriptSource, 'staff'>;
}

/**
 * Speech to text for residents' voice messages. Optional: with none configured, a voice without
 * WeChat's own Recognition has no words and staff listen to it. `transcribe` answers undefined when
 * it heard nothing; it throws when the recogniser failed (the caller logs it and goes on without words).
 */
export interface SpeechRecogniser {
  readonly name: string;
  transcribe(audio: VoiceAudio): Promise<string | undefined>;
}

/**
 * The words of a voice: WeChat's Recognition when the account has it (free, already here), else the
 * configured recogniser's, else none.
 */
export async function transcribeVoice(recognition: string | undefined, audio: () => VoiceAudio, recogniser: SpeechRecogniser | undefined): Promise<Transcript | undefined> {
  const wechat = recognition?.trim();
  if (wechat) return { text: wechat, source: 'wechat' };
  if (!recogniser) return undefined;
  const heard = (await recogniser.transcribe(audio()))?.trim();
  return heard ? { text: heard, source: 'recogniser' } : undefined;
}
