import { randomBytes } from 'node:crypto';
import { fail, ok, type FakeResult } from './answer.js';

const EXPIRY_MS = 3 * 24 * 60 * 60_000;
const LIMITS: Record<string, { bytes: number; errcode: number; errmsg: string }> = {
  image: { bytes: 10 * 1024 * 1024, errcode: 40009, errmsg: 'invalid image size' },
  voice: { bytes: 2 * 1024 * 1024, errcode: 40010, errmsg: 'invalid voice size' },
  video: { bytes: 10 * 1024 * 1024, errcode: 40011, errmsg: 'invalid video size' },
  thumb: { bytes: 64 * 1024, errcode: 40012, errmsg: 'invalid thumb size' },
};
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'audio/amr': 'amr', 'video/mp4': 'mp4' };

interface Media {
  buffer: Buffer;
  contentType: string;
  filename: string;
  createdAt: number;
}

/** temporary media: ids live 3 days; residents' photos are registered by the simulator */
export class FakeMedia {
  private readonly items = new Map<string, Media>();

  constructor(private readonly now: () => number) {}

  register(mediaId: string, buffer: Buffer, contentType: string, filename?: string): void {
    this.items.set(mediaId, { buffer, contentType, filename: filename ?? `${mediaId}.${EXT[contentType] ?? 'bin'}`, createdAt: this.now() });
  }

  has(mediaId: string): boolean {
    const m = this.items.get(mediaId);
    return !!m && m.createdAt + EXPIRY_MS > this.now();
  }

  /** GET media/get */
  get(query: URLSearchParams): FakeResult {
    const id = query.get('media_id') ?? '';
    const m = this.items.get(id);
    if (!m || !this.has(id)) return { recordBody: { media_id: id }, answer: fail(40007, 'invalid media_id') };
    return {
      recordBody: { media_id: id },
      answer: ok({ bytes: m.buffer.length, contentType: m.contentType }),
      file: { buffer: m.buffer, contentType: m.contentType, filename: m.filename },
    };
  }

  /** POST media/upload (multipart, field "media") */
  async upload(query: URLSearchParams, body: Buffer, contentType: string): Promise<FakeResult> {
    const type = query.get('type') ?? '';
    const limit = LIMITS[type];
    if (!limit) return { recordBody: { type }, answer: fail(40004, 'invalid media type') };
    const file = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } })
      .formData()
      .then((f) => f.get('media'))
      .catch(() => null);
    if (!file || typeof file === 'string') return { recordBody: { type }, answer: fail(41005, 'media data missing') };
    const buffer = Buffer.from(await file.arrayBuffer());
    const recordBody = { type, filename: file.name, bytes: buffer.length, contentType: file.type };
    if (buffer.length === 0 || buffer.length > limit.bytes) return { recordBody, answer: fail(limit.errcode, limit.errmsg) };
    const mediaId = randomBytes(32).toString('base64url');
    this.register(mediaId, buffer, file.type || 'application/octet-stream', file.name);
    return { recordBody, answer: ok({ type, media_id: mediaId, created_at: Math.floor(this.now() / 1000) }) };
  }
}
