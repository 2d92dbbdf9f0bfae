import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { HttpRecogniser } from '../../src/speech/http-recogniser.js';
import { transcribeVoice, type VoiceAudio } from '../../src/speech/recogniser.js';

/** what the fake server was sent */
interface Seen {
  path: string;
  auth: string | undefined;
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: number } | undefined;
}

const audio: VoiceAudio = { buffer: Buffer.from('ID3 fake mp3 bytes'), contentType: 'audio/mpeg', filename: 'voice.mp3', durationMs: 2000 };

/** a small OpenAI-compatible transcription server: answers by the model name it is sent */
let server: Server;
let base: string;
const seen: Seen[] = [];

async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Request('http://x', { method: 'POST', body: Buffer.concat(chunks), headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const form = await readForm(req);
      const fields: Record<string, string> = {};
      let file: Seen['file'];
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') fields[k] = v;
        else file = { name: v.name, type: v.type, bytes: v.size };
      }
      seen.push({ path: req.url ?? '', auth: req.headers.authorization, fields, file });
      const model = fields.model;
      if (model === 'broken') return res.writeHead(500).end('boom');
      if (model === 'slow') return setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"late"}'), 2000);
      if (model === 'silent') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"  "}');
      if (model === 'odd') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"words":"x"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: ' 我家门口路灯坏了 ' }));
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const recogniser = (model: string, extra: { apiKey?: string; url?: string; timeoutMs?: number } = {}) =>
  new HttpRecogniser({ url: extra.url ?? base, model, language: 'zh', timeoutMs: extra.timeoutMs ?? 1000, apiKey: extra.apiKey });

describe('the HTTP speech-to-text adapter (OpenAI-compatible /v1/audio/transcriptions)', () => {
  it('posts the audio as multipart with model, language and json format, and reads back the words', async () => {
    seen.length = 0;
    expect(await recogniser('whisper-small', { apiKey: 'k-123' }).transcribe(audio)).toBe('我家门口路灯坏了');
    expect(seen).toEqual([
      {
        path: '/v1/audio/transcriptions',
        auth: 'Bearer k-123',
        fields: { model: 'whisper-small', language: 'zh', response_format: 'json' },
        file: { name: 'voice.mp3', type: 'audio/mpeg', bytes: audio.buffer.length },
      },
    ]);
  });

  it('a base address ending in /v1 or a slash reaches the same endpoint; no key, no Authorization header', async () => {
    seen.length = 0;
    await recogniser('m', { url: `${base}/v1/` }).transcribe(audio);
    expect(seen.map((s) => [s.path, s.auth])).toEqual([['/v1/audio/transcriptions', undefined]]);
  });

  it('silence is no words; an error status, a timeout or an answer without text are failures', async () => {
    expect(await recogniser('silent').transcribe(audio)).toBeUndefined();
    await expect(recogniser('broken').transcribe(audio)).rejects.toThrow(/answered 500/);
    await expect(recogniser('slow', { timeoutMs: 500 }).transcribe(audio)).rejects.toThrow(/unreachable/);
    await expect(recogniser('odd').transcribe(audio)).rejects.toThrow(/no text/);
  });

  it("WeChat's Recognition comes first and the server is not asked; without it, the recogniser's words", async () => {
    seen.length = 0;
    expect(await transcribeVoice('路灯坏了', () => audio, recogniser('m'))).toEqual({ text: '路灯坏了', source: 'wechat' });
    expect(seen).toHaveLength(0);
    expect(await transcribeVoice('', () => audio, recogniser('m'))).toEqual({ text: '我家门口路灯坏了', source: 'recogniser' });
    expect(await transcribeVoice(undefined, () => audio, undefined)).toBeUndefined();
  });

  it('configured only by SPEECH_TO_TEXT_URL: unset, there is no recogniser', () => {
    const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'stt-config-')) };
    expect(loadConfig(env).speech).toBeUndefined();
    expect(loadConfig({ ...env, SPEECH_TO_TEXT_URL: 'http://10.0.0.5:8000', SPEECH_TO_TEXT_API_KEY: 'k' }).speech).toEqual({
      url: 'http://10.0.0.5:8000',
      model: 'whisper-1',
      language: 'zh',
      timeoutMs: 3000,
      apiKey: 'k',
    });
    expect(() => loadConfig({ ...env, SPEECH_TO_TEXT_URL: 'ftp://x' })).toThrow(/SPEECH_TO_TEXT_URL/);
    rmSync(env.DATA_DIR, { recursive: true, force: true });
  });
});
