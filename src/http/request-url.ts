import { AppError } from '../errors.js';

/**
 * The address of a request, checked once at the edge for what no route can use: percent-escapes
 * that decode to nothing (`/api/console/cases/%E0%A4%A`: the router would throw a URIError, a 500)
 * and NUL bytes (`?q=%00`: PostgreSQL refuses NUL in text, another 500 deep inside a query). Both
 * are a 400 through the one error funnel, so every route below sees decodable, NUL-free input.
 */
export function assertUsableUrl(path: string, querystring: string): void {
  // an address without a percent-escape decodes to itself (and an HTTP request line holds no raw NUL):
  // the common case, every WeChat delivery included, costs one scan and no decoding
  if (!path.includes('%') && !querystring.includes('%')) return;
  let decodedPath: string;
  let decodedQuery: string;
  try {
    decodedPath = decodeURIComponent(path);
    decodedQuery = decodeURIComponent(querystring.replace(/\+/g, ' '));
  } catch {
    throw new AppError('bad_request', '网址有误（含有无效的 % 编码），请检查后重试', { reason: 'bad_path' });
  }
  if (decodedPath.includes('\u0000') || decodedQuery.includes('\u0000')) throw nulByte();
}

export const nulByte = () => new AppError('bad_request', '请求中含有无法保存的空字符（NUL），请删除后重试', { reason: 'nul_byte' });

/** true when any string in a parsed JSON value holds a NUL byte (keys included) */
export function hasNulByte(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNulByte(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNulByte(v, depth + 1));
}
