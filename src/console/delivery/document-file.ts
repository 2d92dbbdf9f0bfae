import type Koa from 'koa';
import { AppError, isAppError } from '../../errors.js';
import { readRawBody } from '../../http/raw-body.js';
import { normaliseImage } from '../../media/normalise-image.js';
import type { MediaStore } from '../../media/media-store.js';
import type { StoredDocument } from '../../civic/index.js';
import { MINUTES_EXTENSIONS, sniffMinutes } from '../council/minutes-file.js';
import { DOCUMENT_UPLOAD_MAX_BYTES, DOCUMENT_UPLOAD_TYPES } from '../contract.js';

type DocumentType = (typeof DOCUMENT_UPLOAD_TYPES)[number];
const MAX_MB = DOCUMENT_UPLOAD_MAX_BYTES / 1024 / 1024;

/**
 * An acceptance record (验收记录) or an evaluation report (评估报告) a staff member uploads, as the
 * request's raw body: declared one of DOCUMENT_UPLOAD_TYPES, at most DOCUMENT_UPLOAD_MAX_BYTES, its
 * first bytes that very type (as 会议纪要 are: council/minutes-file.ts); kept in the media store.
 * `what` names it in the refusals.
 */
export async function storeUploadedDocument(ctx: Koa.Context, media: MediaStore, now: Date, what: string): Promise<StoredDocument> {
  const declared = ctx.request.type;
  if (!(DOCUMENT_UPLOAD_TYPES as readonly string[]).includes(declared))
    throw new AppError('unsupported_media_type', `${what}只能上传 PDF 或 JPEG、PNG、WebP 图片`, { reason: 'document_type' });
  let buffer: Buffer;
  try {
    buffer = await readRawBody(ctx.req, DOCUMENT_UPLOAD_MAX_BYTES);
  } catch (e) {
    if (isAppError(e) && e.code === 'payload_too_large') throw new AppError('payload_too_large', `${what}不能超过 ${MAX_MB} MB`, { reason: 'document_too_large' });
    throw e;
  }
  if (buffer.length === 0) throw new AppError('bad_request', `没有收到${what}文件`, { reason: 'empty_document' });
  if (sniffMinutes(buffer) !== declared) throw new AppError('unsupported_media_type', '文件内容不是所说的 PDF 或图片', { reason: 'document_content' });
  const type = declared as DocumentType;
  // a photographed record is normalised like every photo (no GPS in EXIF); a PDF is kept as it came
  const kept = (await normaliseImage(buffer, type)).buffer;
  const stored = await media.put(kept, MINUTES_EXTENSIONS[type], now);
  return { ...stored, contentType: type };
}

/** the extension a downloaded document gets */
export const documentExtension = (type: string | null): string => (type && type in MINUTES_EXTENSIONS ? MINUTES_EXTENSIONS[type as DocumentType] : 'bin');
