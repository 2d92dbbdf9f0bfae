/**
 * The staff console's HTTP contract: every route under /api/console with the permission it needs (contract/policy.ts), and the zod
 * schemas of its request (body or query) and response. The SPA (src/console/web) builds against
 * this file; the server parses every request with the same schemas. Extend, never rename.
 *
 * Conventions
 * - JSON in and out (`application/json; charset=utf-8`); dates are ISO-8601 strings (UTC).
 * - Money is in fen (分, integers) in JSON; the exports show 元.
 * - Errors: the status code plus JSON `{ "error": { code, message, reason?, requestId } }` with a
 *   short zh-CN message (src/http/error-middleware.ts, the service's one error funnel; a wrong
 *   field is named in zh-CN, a 500 says nothing internal): 400 bad input, 401 not logged in,
 *   403 not allowed / out of scope / CSRF, 404 unknown, 409 conflict (stale status, closed WeChat
 *   window), 423 never, 429 too many attempts (a login that must wait: Retry-After and the wait in
 *   words; see auth/login-throttle.ts).
 * - Every state-changing request (POST/PATCH/DELETE, except login) carries the header
 *   `X-CSRF-Token: <csrfToken>` from the login answer or `GET /me`; missing or wrong → 403.
 * - The session is an HttpOnly, SameSite=Strict cookie `msw_console` (Secure on https).
 */
export * from './contract/common.js';
export * from './contract/accounts.js';
export * from './contract/inbox.js';
export * from './contract/voices.js';
export * from './contract/cases.js';
export * from './contract/reports.js';
export * from './contract/figures.js';
export * from './contract/objections.js';
export * from './contract/council.js';
export * from './contract/delivery.js';
export * from './contract/budgets.js';
export * from './contract/admin.js';
export * from './contract/menu.js';
export * from './contract/intake.js';
export * from './contract/routes.js';
export * from './contract/policy.js';
