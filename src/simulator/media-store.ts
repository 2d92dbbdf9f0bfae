import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

/**
 * The pictures residents send from the simulator. Each is registered with the fake API under a
 * media id (what the bot downloads with media/get, as from WeChat) and served by the simulator at
 * its PicUrl (WeChat's mmbiz CDN link). Kept in memory, oldest dropped first.
 */
export interface SimImage {
  mediaId: string;
  picId: string;
  contentType: ImageType;
  md5: string;
  bytes: Buffer;
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/gif';

/** WeChat's image limit for temporary media: 10 MB, PNG/JPEG/GIF. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The type from the first bytes, never from what the client claims. */
export function sniffImageType(buf: Buffer): ImageType | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return undefined;
}

/** WeChat's voice limit for temporary media: 2 MB (60 s of AMR is about 100 KB) */
export const MAX_VOICE_BYTES = 2 * 1024 * 1024;
const AMR_MAGIC = Buffer.from('#!AMR\n', 'latin1');

export class SimMediaStore {
  private readonly byPic = new Map<string, SimImage>();

  constructor(
    /** registers the bytes with the fake API under the media id */
    private readonly register: (mediaId: string, bytes: Buffer, contentType: string) => void,
    /** the simulator's public base URL, e.g. http://127.0.0.1:3000 */
    private readonly baseUrl: () => string,
    private readonly max = 200,
  ) {}

  add(bytes: Buffer): SimImage {
    if (bytes.length === 0) throw new AppError('bad_request', 'empty image', { reason: 'empty_image' });
    if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('payload_too_large', 'image over 10 MB', { reason: 'image_too_large' });
    const contentType = sniffImageType(bytes);
    if (!contentType) throw new AppError('unsupported_media_type', 'only JPEG, PNG and GIF pictures can be sent', { reason: 'image_type' });
    const image: SimImage = {
      mediaId: randomBytes(48).toString('base64url'),
      picId: randomBytes(12).toString('hex'),
      contentType,
      md5: createHash('md5').update(bytes).digest('hex'),
      bytes,
    };
    this.register(image.mediaId, bytes, contentType);
    this.byPic.set(image.picId, image);
    while (this.byPic.size > this.max) this.byPic.delete(this.byPic.keys().next().value!);
    return image;
  }

  /**
   * A voice the resident records: AMR-NB as WeChat sends it (checked by its header), registered
   * with the fake API under a new media id; the bot downloads it with media/get.
   */
  addVoice(bytes: Buffer): string {
    if (bytes.length > MAX_VOICE_BYTES) throw new AppError('payload_too_large', 'voice over 2 MB', { reason: 'voice_too_large' });
    if (!bytes.subarray(0, AMR_MAGIC.length).equals(AMR_MAGIC)) throw new AppError('unsupported_media_type', 'a voice is AMR-NB (starting #!AMR)', { reason: 'voice_type' });
    const mediaId = randomBytes(48).toString('base64url');
    this.register(mediaId, bytes, 'audio/amr');
    return mediaId;
  }

  get(picId: string): SimImage | undefined {
    return this.byPic.get(picId);
  }

  findByMediaId(mediaId: string): SimImage | undefined {
    for (const image of this.byPic.values()) if (image.mediaId === mediaId) return image;
    return undefined;
  }

  picUrl(image: SimImage): string {
    return `${this.baseUrl()}/sim/media/${image.picId}`;
  }
}
