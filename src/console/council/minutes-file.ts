import type Koa from 'koa';
import { AppError, isAppError } from '../../errors.js';
import { readRawBody } from '../../http/raw-body.js';
import { serveStoredFile } from '../../media/serve-stored-file.js';
import { sniffUploadImage, UPLOAD_EXTENSIONS } from '../cases/image-type.js';
import { MINUTES_UPLOAD_MAX_BYTES, MINUTES_UPLOAD_TYPES } from '../contract.js';

export type MinutesType = (typeof MINUTES_UPLOAD_TYPES)[number];

const MAX_MB = MINUTES_UPLOAD_MAX_BYTES / 1024 / 1024;
const PDF = Buffer.from('%PDF-', 'latin1');

/** the type from the first bytes, never from what the client claims: a PDF (%PDF-) or a JPEG, PNG, WebP image */
export function sniffMinutes(buf: Buffer): MinutesType | undefined {
  if (buf.length >= PDF.length && buf.subarray(0, PDF.length).equals(PDF)) return 'application/pdf';
  return sniffUploadImage(buf);
}

/** the extension a stored file of the type gets */
export const MINUTES_EXTENSIONS: Record<MinutesType, string> = { 'application/pdf': 'pdf', ...UPLOAD_EXTENSIONS };

/**
 * The minutes a staff member uploads, as the request's raw body: declared one of
 * MINUTES_UPLOAD_TYPES, at most MINUTES_UPLOAD_MAX_BYTES, and its first bytes that very type.
 */
export async function readUploadedMinutes(ctx: Koa.Context): Promise<{ buffer: Buffer; contentType: MinutesType }> {
  const declared = ctx.request.type;
  if (!(MINUTES_UPLOAD_TYPES as readonly string[]).includes(declared))
    throw new AppError('unsupported_media_type', '会议纪要只能上传 PDF 或 JPEG、PNG、WebP 图片', { reason: 'minutes_type' });
  let buffer: Buffer;
  try {
    buffer = await readRawBody(ctx.req, MINUTES_UPLOAD_MAX_BYTES);
  } catch (e) {
    if (isAppError(e) && e.code === 'payload_too_large') throw new AppError('payload_too_large', `会议纪要不能超过 ${MAX_MB} MB`, { reason: 'minutes_too_large' });
    throw e;
  }
  if (buffer.length === 0) throw new AppError('bad_request', '没有收到会议纪要文件', { reason: 'empty_minutes' });
  if (sniffMinutes(buffer) !== declared) throw new AppError('unsupported_media_type', '文件内容不是所说的 PDF 或图片', { reason: 'minutes_content' });
  return { buffer, contentType: declared as MinutesType };
}

/**
 * Sends the minutes from the media store: the stored path of the meeting row only, a download never shown
 * inline (media/serve-stored-file.ts). False when there is nothing to serve.
 */
export const serveMinutes = serveStoredFile;
