import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';

/**
 * Reads a request body up to `limit` bytes. Used only on the webhook route: no global body parser
 * ever touches the WeChat body. A declared or actual size over the limit is a 413 and the rest of
 * the stream is not buffered.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new AppError('payload_too_large', `body over ${limit} bytes`, { reason: 'body_too_large' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      req.resume();
      throw new AppError('payload_too_large', `body over ${limit} bytes`, { reason: 'body_too_large' });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}
