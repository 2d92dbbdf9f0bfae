import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/media/run-process.js';
import { audioDurationMs, toPlayableAudio } from '../../src/media/voice-audio.js';

/** espeak-ng speech encoded as WeChat sends it (scripts/make-voice-fixtures.sh) */
const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.amr`, import.meta.url));
const fixture = (name: string) => readFileSync(fixturePath(name));

/** the length of a file as its container says (ffprobe reading the file itself, independent of the code under test) */
async function fileDurationMs(file: string): Promise<number> {
  const out = await runProcess('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], Buffer.alloc(0), 10_000);
  return Math.round(Number.parseFloat(out.toString('utf8')) * 1000);
}

/** what ffprobe reads of a file: its format, codec, sample rate and channels */
async function probe(audio: Buffer): Promise<{ format: string; codec: string; rate: number; channels: number }> {
  const out = await runProcess(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=format_name:stream=codec_name,sample_rate,channels', '-of', 'json', '-i', 'pipe:0'],
    audio,
    10_000,
  );
  const j = JSON.parse(out.toString('utf8')) as { format: { format_name: string }; streams: { codec_name: string; sample_rate: string; channels: number }[] };
  const s = j.streams[0]!;
  return { format: j.format.format_name, codec: s.codec_name, rate: Number(s.sample_rate), channels: s.channels };
}

describe('a WeChat voice (AMR-NB) becomes audio every browser plays', () => {
  it('the fixture is what WeChat sends: AMR-NB, 8 kHz, mono', async () => {
    const amr = fixture('description');
    expect(amr.subarray(0, 6).toString('latin1')).toBe('#!AMR\n');
    expect(await probe(amr)).toEqual({ format: 'amr', codec: 'amr_nb', rate: 8000, channels: 1 });
  });

  it('MP3 at 16 kHz mono, as long as the speech (within a quarter second: the MP3 encoder adds its delay and padding)', async () => {
    for (const name of ['streetlight', 'description']) {
      const amr = fixture(name);
      const source = await fileDurationMs(fixturePath(name));
      const played = await toPlayableAudio(amr);
      expect(played.contentType).toBe('audio/mpeg');
      expect(await probe(played.buffer)).toEqual({ format: 'mp3', codec: 'mp3', rate: 16000, channels: 1 });
      expect(source).toBeGreaterThan(2500);
      expect(Math.abs(played.durationMs - source)).toBeLessThan(250);
      expect(played.durationMs).toBe(await audioDurationMs(played.buffer));
    }
  });

  it('what is not audio is an error, not an empty file', async () => {
    await expect(toPlayableAudio(Buffer.from('<xml>not a voice</xml>'))).rejects.toThrow(/ffmpeg exited/);
  });

  it('conversion time per second of audio (printed for the notes)', async () => {
    const amr = fixture('description');
    const started = performance.now();
    const runs = 3;
    let ms = 0;
    for (let i = 0; i < runs; i++) ms = (await toPlayableAudio(amr)).durationMs;
    const perSecond = (performance.now() - started) / runs / (ms / 1000);
    console.log(`voice conversion: ${perSecond.toFixed(1)} ms per second of audio (${(ms / 1000).toFixed(1)} s clip, ffmpeg + ffprobe)`);
    expect(perSecond).toBeLessThan(1000);
  });
});
