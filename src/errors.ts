/**
 * Typed errors with a stable code. The one error middleware (src/http/error-middleware.ts) maps a
 * code to an HTTP status and a safe message; anything else becomes a bare 500 and is logged.
 */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  /** a machine reason for logs and metrics, e.g. "bad_signature" */
  readonly reason: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { reason?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.reason = options.reason ?? code;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
