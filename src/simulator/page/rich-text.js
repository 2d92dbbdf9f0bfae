// The bot's text as WeChat shows it: plain text with line breaks, where <a href="…">label</a>
// is a link. A weixin://bizmsgmenu link is a quick reply: tapping it sends msgmenucontent back as
// a text message (with bizmsgmenuid). Every other character is shown as it is, never as HTML.

const LINK = /<a\s[^>]*?href\s*=\s*(["'])([\s\S]*?)\1[^>]*>([\s\S]*?)<\/a>/gi;

const decode = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e]);

/** Splits bot text into segments: { type: 'text', text } | { type: 'quick', label, content, menuId } | { type: 'link', label, href } */
export function parseBotText(text) {
  const segments = [];
  let last = 0;
  for (const m of String(text).matchAll(LINK)) {
    if (m.index > last) segments.push({ type: 'text', text: text.slice(last, m.index) });
    const href = decode(m[2].trim());
    const label = m[3];
    const quick = /^weixin:\/\/bizmsgmenu\?(.*)$/i.exec(href);
    if (quick) {
      const params = new URLSearchParams(quick[1]);
      const content = params.get('msgmenucontent') ?? label;
      segments.push({ type: 'quick', label, content, menuId: params.get('msgmenuid') ?? '' });
    } else if (/^https?:\/\//i.test(href)) {
      segments.push({ type: 'link', label, href });
    } else {
      // a link WeChat would not open: shown as its label
      segments.push({ type: 'text', text: label });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) });
  return segments;
}

/** Renders the segments into `parent` with text nodes and anchors only. */
export function renderBotText(parent, text, onQuickReply) {
  for (const s of parseBotText(text)) {
    if (s.type === 'text') {
      parent.append(document.createTextNode(s.text));
    } else if (s.type === 'quick') {
      const a = document.createElement('a');
      a.className = 'quick';
      a.textContent = s.label;
      a.setAttribute('role', 'button');
      a.setAttribute('tabindex', '0');
      a.dataset.content = s.content;
      const tap = (e) => {
        e.preventDefault();
        onQuickReply(s.content, s.menuId);
      };
      a.addEventListener('click', tap);
      a.addEventListener('keydown', (e) => e.key === 'Enter' && tap(e));
      parent.append(a);
    } else {
      const a = document.createElement('a');
      a.textContent = s.label;
      a.href = s.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.append(a);
    }
  }
  return parent;
}
