import type Koa from 'koa';
import { fillHtml, html, raw, type Html } from './html.js';
import { STYLE, STYLE_HASH } from './style.js';
import { publicTexts } from './texts.js';

const T = publicTexts.common;

/**
 * The page shell and the response headers every public page shares. No script, no external
 * request: the only stylesheet is inline and allowed by its hash; images come from this origin.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "img-src 'self'",
  `style-src ${STYLE_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_CACHE = 'public, max-age=60';

export interface PageParts {
  title: string;
  /** absolute URL of this page (publicUrl + path) */
  canonical?: string;
  body: Html;
}

export function page(p: PageParts): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${fillHtml(T.pageTitle, { title: p.title })}</title>
${p.canonical ? html`<link rel="canonical" href="${p.canonical}">` : ''}
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="top"><a href="/publicity">${T.header}</a></header>
<main>
${p.body}
</main>
<footer>
<p>${T.footer}</p>
</footer>
</body>
</html>
`.value;
}

/** the same policy for a page with a form: it may post to this origin, nowhere else */
export const FORM_PAGE_CSP = PAGE_CSP.replace("form-action 'none'", "form-action 'self'");

/** sends a rendered page with the shared headers; `form`: the page posts a form to this origin */
export function sendPage(ctx: Koa.Context, status: number, body: string, cache = true, form = false): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', form ? FORM_PAGE_CSP : PAGE_CSP);
  ctx.set('Cache-Control', cache ? PAGE_CACHE : 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = body;
}

/** the zh-CN page for 404 and 400 */
export function errorPage(title: string, message: string): string {
  return page({
    title,
    body: html`<section class="card">
<h1>${title}</h1>
<p>${message}</p>
<p>${fillHtml(publicTexts.errors.lookupHint, { lookup: html`<span class="nw">${T.lookupWord}</span>` })}</p>
<p><a href="/publicity">${publicTexts.errors.publicityLink}</a></p>
</section>`,
  });
}
