import { and, eq } from 'drizzle-orm';
import type Koa from 'koa';
import { addNote } from '../../civic/index.js';
import { caseMedia } from '../../db/schema.js';
import { AppError, isAppError } from '../../errors.js';
import { readRawBody } from '../../http/raw-body.js';
import { normaliseImage } from '../../media/normalise-image.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { PHOTO_UPLOAD_MAX_BYTES, PHOTO_UPLOAD_TYPES, type CasePhoto } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { actorOf, civicCtx } from './actions.js';
import { sniffUploadImage, UPLOAD_EXTENSIONS, type UploadImageType } from './image-type.js';
import { casePhotosForStaff } from './photo-moderation.js';
import { scopeHook } from './scope.js';

const MAX_MB = PHOTO_UPLOAD_MAX_BYTES / 1024 / 1024;

/**
 * The image a staff member uploads, as the request's raw body: its declared type one of
 * PHOTO_UPLOAD_TYPES, at most PHOTO_UPLOAD_MAX_BYTES, and its first bytes that very type (an SVG,
 * or a page renamed .jpg, is refused whatever it claims).
 */
export async function readUploadedImage(ctx: Koa.Context): Promise<{ buffer: Buffer; contentType: UploadImageType }> {
  const declared = ctx.request.type;
  if (!(PHOTO_UPLOAD_TYPES as readonly string[]).includes(declared))
    throw new AppError('unsupported_media_type', '只能上传 JPEG、PNG 或 WebP 图片', { reason: 'image_type' });
  let buffer: Buffer;
  try {
    buffer = await readRawBody(ctx.req, PHOTO_UPLOAD_MAX_BYTES);
  } catch (e) {
    if (isAppError(e) && e.code === 'payload_too_large')
      throw new AppError('payload_too_large', `照片不能超过 ${MAX_MB} MB`, { reason: 'image_too_large' });
    throw e;
  }
  if (buffer.length === 0) throw new AppError('bad_request', '没有收到照片', { reason: 'empty_image' });
  const sniffed = sniffUploadImage(buffer);
  if (sniffed !== declared) throw new AppError('unsupported_media_type', '文件内容不是 JPEG、PNG 或 WebP 图片', { reason: 'image_content' });
  return { buffer, contentType: sniffed };
}

/**
 * A staff photo of a case (e.g. the wish fulfilled): stored in the media store as residents' photos
 * are (YYYY/MM/<sha256>.<ext>), attached by an internal timeline entry with the photo (shown on the
 * public page at once: staff uploads need no review), with its audit row, in one transaction whose
 * scope check runs on the case row as it is then. A file written for a refused upload stays,
 * unreferenced, under its content hash.
 */
export async function uploadStaffPhoto(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  caseId: number,
  image: { buffer: Buffer; contentType: UploadImageType },
): Promise<CasePhoto> {
  const ctx = civicCtx(deps);
  // the type is the upload's own (normalising keeps the format)
  const kept = await normaliseImage(image.buffer, image.contentType);
  const stored = await deps.media.put(kept.buffer, UPLOAD_EXTENSIONS[image.contentType], ctx.now);
  const mediaId = await deps.db.transaction(async (tx) => {
    const { eventId } = await addNote(
      tx,
      { caseId, actor: actorOf(me), internalNote: '上传照片', photos: [{ ...stored, contentType: image.contentType }], authorize: scopeHook(tx, me) },
      ctx,
    );
    const [row] = await tx.select({ id: caseMedia.id }).from(caseMedia).where(and(eq(caseMedia.caseId, caseId), eq(caseMedia.eventId, eventId)));
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.photo_upload',
      target: `case:${caseId}`,
      after: { mediaId: row!.id, eventId, path: stored.path, sha256: stored.sha256, bytes: stored.bytes, contentType: image.contentType },
      at: ctx.now,
    });
    return row!.id;
  });
  return (await casePhotosForStaff(deps.db, caseId)).find((p) => p.id === mediaId)!;
}
