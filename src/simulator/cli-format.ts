import type { MenuButtonView } from './cli-transport.js';
import type { PassiveReply } from './passive-reply.js';
import { SERVICE_UNAVAILABLE } from './passive-reply.js';
import { parseBotText } from './page/rich-text.js';

/**
 * How the terminal client prints what the resident receives. Quick replies are numbered so
 * `/tap N` can send one; links show their address.
 */
export interface QuickReply {
  label: string;
  content: string;
  menuId: string;
}

export interface Printed {
  lines: string[];
  quick: QuickReply[];
}

const BOT = '民生微实事 › ';
const NOTE = '  · ';

/** Bot text with <a> links: quick replies become "[N] label", other links "label (url)". */
export function botText(text: string, prefix = BOT): Printed {
  const quick: QuickReply[] = [];
  let out = '';
  for (const s of parseBotText(text)) {
    if (s.type === 'text') out += s.text;
    else if (s.type === 'link') out += `${s.label} (${s.href})`;
    else {
      quick.push({ label: s.label, content: s.content, menuId: s.menuId });
      out += `[${quick.length}] ${s.label}`;
    }
  }
  const lines = out.split('\n').map((l, i) => (i === 0 ? prefix + l : ' '.repeat(prefix.length + 2) + l));
  if (quick.length) lines.push(`${NOTE}输入 /tap N 点击快捷回复`);
  return { lines, quick };
}

export function formatReply(reply: PassiveReply, deliveries: number, problems: string[]): Printed {
  const notes = deliveries > 1 && reply.type !== 'failed' ? [`${NOTE}微信投递了 ${deliveries} 次（前几次 5 秒内没有应答）`] : [];
  const warn = reply.type === 'failed' ? [] : problems.map((p) => `${NOTE}⚠ ${p}`);
  const done = (p: Printed): Printed => ({ lines: [...notes, ...warn, ...p.lines], quick: p.quick });
  switch (reply.type) {
    case 'text':
      return done(botText(reply.content));
    case 'news': {
      const a = reply.articles[0];
      return done({ lines: a ? [`${BOT}【图文】${a.title}`, `    ${a.description}`, `    ${a.url}`] : [], quick: [] });
    }
    case 'image':
      return done({ lines: [`${BOT}[图片 ${reply.mediaId}]`], quick: [] });
    case 'other':
      return done({ lines: [`${BOT}[${reply.msgType}]`], quick: [] });
    case 'transfer_customer_service':
      return done({ lines: [`${NOTE}已转接人工客服`], quick: [] });
    case 'success':
    case 'empty':
      return done({ lines: [`${NOTE}（没有被动回复）`], quick: [] });
    case 'failed':
      return { lines: [`⚠ ${SERVICE_UNAVAILABLE}`, `${NOTE}${reply.reason}`], quick: [] };
  }
}

type Body = Record<string, any>;

/** A record from the fake API (a /sim/stream 'api' entry) as the resident sees it, if at all. */
export function formatApiEntry(entry: { api: string; body: unknown; response: { errcode: number; errmsg: string } }): Printed {
  const b = (entry.body ?? {}) as Body;
  const ok = entry.response.errcode === 0;
  const failed = (what: string): Printed => ({ lines: [`${NOTE}${what}未送达：${entry.response.errcode} ${entry.response.errmsg}`], quick: [] });
  switch (entry.api) {
    case 'message/custom/send': {
      if (!ok) return failed('客服消息');
      const prefix = '客服消息 › ';
      if (b.msgtype === 'text') return botText(String(b.text?.content ?? ''), prefix);
      if (b.msgtype === 'msgmenu') {
        const quick: QuickReply[] = (b.msgmenu?.list ?? []).map((i: Body) => ({ label: String(i.content), content: String(i.content), menuId: String(i.id) }));
        const lines = [
          `${prefix}${String(b.msgmenu?.head_content ?? '')}`,
          ...quick.map((q, n) => `    [${n + 1}] ${q.label}`),
          ...(b.msgmenu?.tail_content ? [`    ${String(b.msgmenu.tail_content)}`] : []),
          `${NOTE}输入 /tap N 点击选项`,
        ];
        return { lines, quick };
      }
      if (b.msgtype === 'news') {
        const a = (b.news?.articles ?? [])[0] ?? {};
        return { lines: [`${prefix}【图文】${String(a.title ?? '')}`, `    ${String(a.description ?? '')}`, `    ${String(a.url ?? '')}`], quick: [] };
      }
      return { lines: [`${prefix}[${String(b.msgtype)}]`], quick: [] };
    }
    case 'message/template/send': {
      if (!ok) return failed('模板消息');
      const fields = Object.entries((b.data ?? {}) as Record<string, { value?: unknown }>).map(([k, v]) => `    ${k}: ${String(v?.value ?? '')}`);
      return { lines: [`模板消息 › ${String(b.template_id ?? '')}`, ...fields, ...(b.url ? [`    详情：${String(b.url)}`] : [])], quick: [] };
    }
    case 'message/custom/typing':
      return { lines: ok && b.command === 'Typing' ? [`${NOTE}对方正在输入…`] : [], quick: [] };
    case 'menu/create':
      return { lines: ok ? [`${NOTE}公众号菜单已更新（/menu 查看）`] : [], quick: [] };
    default:
      return { lines: [], quick: [] };
  }
}

export function formatMenu(buttons: MenuButtonView[]): string[] {
  if (buttons.length === 0) return ['（该公众号没有设置菜单）'];
  const leaf = (b: MenuButtonView) => `${b.name}  [${b.type ?? '?'}${b.key ? ` ${b.key}` : ''}${b.url ? ` ${b.url}` : ''}]`;
  return buttons.flatMap((b) => (b.sub_button?.length ? [`${b.name}`, ...b.sub_button.map((s) => `  - ${leaf(s)}`)] : [leaf(b)]));
}
