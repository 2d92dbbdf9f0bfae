import { runProcess } from './run-process.js';

/** a resident's voice as browsers play it (MP3: every current browser, Safari included) */
export interface PlayableAudio {
  buffer: Buffer;
  contentType: 'audio/mpeg';
  ext: 'mp3';
  /** the length of the speech, from ffprobe */
  durationMs: number;
}

/** a voice message is at most 60 s; converting one takes well under a second */
const TIMEOUT_MS = 20_000;

/**
 * WeChat's voice (AMR-NB, 8 kHz; the Format field says amr, rarely speex) → MP3 that any current
 * browser plays, with its length. Done by Debian's ffmpeg and ffprobe called as processes, the
 * bytes through stdin and stdout (no temporary file): mono, 16 kHz (MPEG-2 layer III, which every
 * browser decodes; 8 kHz MP3 is MPEG-2.5, which some do not), 32 kbit/s — the speech of an 8 kHz
 * call loses nothing. ffmpeg's own AMR decoder fills the comfort-noise frames of silences with
 * silence (it reports them on stderr; only the exit code counts). No image normalisation here.
 */
export async function toPlayableAudio(voice: Buffer, o: { ffmpeg?: string; ffprobe?: string } = {}): Promise<PlayableAudio> {
  const ffmpeg = o.ffmpeg ?? 'ffmpeg';
  const mp3 = await runProcess(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', 'pipe:0', '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'libmp3lame', '-b:a', '32k', '-f', 'mp3', 'pipe:1'],
    voice,
    TIMEOUT_MS,
  );
  if (!mp3.length) throw new Error('ffmpeg produced no audio');
  return { buffer: mp3, contentType: 'audio/mpeg', ext: 'mp3', durationMs: await audioDurationMs(mp3, o.ffprobe) };
}

/**
 * The length of audio in milliseconds: where its last packet ends (ffprobe reading stdin, where a
 * container's own duration is often unknown: MP3 through a pipe has none).
 */
export async function audioDurationMs(audio: Buffer, ffprobe = 'ffprobe'): Promise<number> {
  const out = await runProcess(ffprobe, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', '-i', 'pipe:0'], audio, TIMEOUT_MS);
  let end = Number.NaN;
  for (const line of out.toString('utf8').trim().split('\n')) {
    const [pts, duration] = line.split(',').map((x) => Number.parseFloat(x));
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(Number.isFinite(end) ? end : 0, pts + (duration !== undefined && Number.isFinite(duration) ? duration : 0));
  }
  if (!Number.isFinite(end)) throw new Error('ffprobe found no audio packets');
  return Math.round(end * 1000);
}
