import { z } from 'zod';
import { normaliseImage } from '../../media/normalise-image.js';
import type { MediaStore, StoredFile } from '../../media/media-store.js';
import { toPlayableAudio } from '../../media/voice-audio.js';
import type { WechatCaller } from './call.js';
import type { BinaryResult } from './http.js';

export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

/** a resident's media as the media store keeps it (YYYY/MM/<sha256>.<ext>, media/media-store.ts) */
export interface StoredMedia extends StoredFile {
  contentType: string;
}

/** a resident's voice in the media store: as WeChat sent it, and as browsers play it */
export interface StoredVoice {
  original: StoredMedia;
  playable: StoredMedia;
  durationMs: number;
  /** the MP3's bytes, for a speech recogniser (not read back from the file) */
  playableBytes: Buffer;
}

/** WeChat's temporary media are at most 10 MB; anything larger is not a resident's photo */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/speex': 'speex',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'video/mp4': 'mp4',
};

/** a safe file extension: from the content type, else from WeChat's file name, else "bin" */
export function mediaExtension(contentType: string, filename?: string): string {
  const known = EXTENSIONS[contentType];
  if (known) return known;
  const fromName = filename ? /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1]?.toLowerCase() : undefined;
  return fromName ?? 'bin';
}

const uploadAnswer = z.object({ type: z.string(), media_id: z.string().min(1), created_at: z.union([z.number(), z.string()]).transform(Number) }).loose();

/**
 * Temporary media: download a resident's photo or voice the moment it arrives (media ids expire
 * after 3 days), and upload images the bot sends.
 */
export class MediaService {
  constructor(
    private readonly caller: WechatCaller,
    private readonly now: () => number = Date.now,
  ) {}

  /** GET /cgi-bin/media/get; a JSON answer is WeChat's error (e.g. 40007 invalid media_id) */
  downloadMedia(mediaId: string): Promise<BinaryResult> {
    return this.caller.binary({ api: 'media/get', query: { media_id: mediaId }, idempotent: true }, MAX_MEDIA_BYTES);
  }

  /**
   * Downloads and stores in the media store under YYYY/MM/<sha256>.<ext> (UTC month of the download), a photo
   * normalised first (upright, no EXIF or GPS, bounded size: normalise-image.ts). The name is the
   * content hash, so downloading the same media twice keeps one copy.
   */
  async storeResidentMedia(mediaId: string, media: MediaStore): Promise<StoredMedia> {
    const file = await this.downloadMedia(mediaId);
    const kept = await normaliseImage(file.buffer, file.contentType);
    const stored = await media.put(kept.buffer, mediaExtension(kept.contentType, file.filename), new Date(this.now()));
    return { ...stored, contentType: kept.contentType };
  }

  /**
   * A voice message, downloaded and stored as it came (AMR, for the record) and as MP3 that the
   * console plays (voice-audio.ts: ffmpeg). No image normalisation: it is not a photo.
   */
  async storeResidentVoice(mediaId: string, media: MediaStore): Promise<StoredVoice> {
    const file = await this.downloadMedia(mediaId);
    const at = new Date(this.now());
    const playable = await toPlayableAudio(file.buffer);
    const original = await media.put(file.buffer, mediaExtension(file.contentType, file.filename), at);
    const played = await media.put(playable.buffer, playable.ext, at);
    return { original: { ...original, contentType: file.contentType }, playable: { ...played, contentType: playable.contentType }, durationMs: playable.durationMs, playableBytes: playable.buffer };
  }

  /**
   * POST /cgi-bin/media/upload (multipart, field "media"). Retried on transient errors: a
   * duplicate upload only leaves an unused media id behind.
   */
  async uploadMedia(type: MediaType, buffer: Buffer, filename: string, contentType = 'application/octet-stream'): Promise<{ mediaId: string; createdAt: number }> {
    const form = () => {
      const f = new FormData();
      f.append('media', new Blob([new Uint8Array(buffer)], { type: contentType }), filename);
      return f;
    };
    const answer = await this.caller.json({ api: 'media/upload', query: { type }, form, idempotent: true }, uploadAnswer);
    return { mediaId: answer.media_id, createdAt: answer.created_at };
  }
}
