import type { MatchableOption } from './match-option.js';

/** Characters that would break the link's query string or its HTML. */
const unsafe = /[&=?#"<>'\n\r]/g;
/** Characters that would break the label's HTML (a # is kept: 我的 lists cases as #12) */
const unsafeLabel = /[&"<>'\n\r]/g;

/**
 * A WeChat quick reply: tapping it sends `content` back as a text message (with bizmsgmenuid).
 * Undocumented but widely used (reference/wechat-protocol.md b.6); clients without it show the
 * label, and the option number before it still works when typed.
 */
export function menuLink(content: string, id: number | string, label: string): string {
  const c = content.replace(unsafe, '');
  return `<a href="weixin://bizmsgmenu?msgmenucontent=${c}&msgmenuid=${id}">${label.replace(unsafeLabel, '')}</a>`;
}

/** One option per line, "1 路灯照明", each line a tappable link that sends the label. */
export function renderOptions(options: readonly MatchableOption[], links = true): string {
  return options
    .map((o) => {
      const line = `${o.number} ${o.label}`;
      return links ? menuLink(o.label, o.number, line) : line;
    })
    .join('\n');
}
