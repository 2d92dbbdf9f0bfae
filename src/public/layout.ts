import type Koa from 'koa';
import { html, raw, type Html } from './html.js';
import { STYLE, STYLE_HASH } from './style.js';

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
<title>${p.title} · 民生微实事</title>
${p.canonical ? html`<link rel="canonical" href="${p.canonical}">` : ''}
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="top"><a href="/publicity">民生微实事 · 三公开</a></header>
<main>
${p.body}
</main>
<footer>
<p>有问题或异议，请在公众号里回复“人工”，工作人员会联系您。</p>
</footer>
</body>
</html>
`.value;
}

/** sends a rendered page with the shared headers */
export function sendPage(ctx: Koa.Context, status: number, body: string, cache = true): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', PAGE_CSP);
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
<p>在公众号里回复<span class="nw">“查询 编号”</span>也可以查看事项进展。</p>
<p><a href="/publicity">查看正在公示的项目</a></p>
</section>`,
  });
}
