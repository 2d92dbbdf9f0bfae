import { z } from 'zod';
import { AppError } from '../errors.js';
import type { SpeechRecogniser, VoiceAudio } from './recogniser.js';

export interface HttpRecogniserOptions {
  /** the server's base address, e.g. http://127.0.0.1:8000 (…/v1/audio/transcriptions is added) */
  url: string;
  model: string;
  /** sent as a bearer token when set */
  apiKey?: string | undefined;
  /** the language of the speech (ISO 639-1) */
  language: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const answerSchema = z.object({ text: z.string() }).loose();

/**
 * A self-hosted speech-to-text server of the widely used OpenAI-compatible shape (POST
 * /v1/audio/transcriptions, multipart: file, model, language, response_format=json → { text }), as
 * faster-whisper-server, speaches, whisper.cpp's server or a sherpa-onnx server offer. Only used
 * when the operator sets SPEECH_TO_TEXT_URL: nothing leaves the operator's network otherwise.
 */
export class HttpRecogniser implements SpeechRecogniser {
  readonly name = 'http';
  private readonly endpoint: string;

  constructor(private readonly o: HttpRecogniserOptions) {
    this.endpoint = `${o.url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/audio/transcriptions`;
  }

  async transcribe(audio: VoiceAudio): Promise<string | undefined> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(audio.buffer)], { type: audio.contentType }), audio.filename);
    form.append('model', this.o.model);
    form.append('language', this.o.language);
    form.append('response_format', 'json');
    const headers: Record<string, string> = this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {};
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(this.endpoint, { method: 'POST', body: form, headers, signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch (err) {
      throw new AppError('unavailable', 'speech-to-text server unreachable', { reason: 'speech_unreachable', cause: err });
    }
    if (!res.ok) throw new AppError('unavailable', `speech-to-text server answered ${res.status}`, { reason: 'speech_http_status' });
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw new AppError('unavailable', 'speech-to-text server answered something other than JSON', { reason: 'speech_bad_answer', cause: err });
    }
    const parsed = answerSchema.safeParse(body);
    if (!parsed.success) throw new AppError('unavailable', 'speech-to-text answer has no text', { reason: 'speech_bad_answer' });
    return parsed.data.text.trim() || undefined;
  }
}
