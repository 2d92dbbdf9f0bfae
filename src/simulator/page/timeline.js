// One conversation as the resident sees it, drawn from /sim/stream entries: what the resident
// sent (right, green), passive replies and customer-service messages (left, white), template
// pushes (cards), and grey notes for events and for what WeChat would refuse.
import { chatTime, h } from './dom.js';
import { renderBotText } from './rich-text.js';

const GAP_MS = 3 * 60_000;
const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

export class Timeline {
  /** hooks: { onQuickReply(content, menuId), onMenuChanged(), onTyping(on), onFollowing(bool) } */
  constructor(container, hooks) {
    this.el = container;
    this.hooks = hooks;
    // follow the conversation while the reader is at the bottom, as a chat app does
    this.stick = true;
    this.el.addEventListener('scroll', () => (this.stick = this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 60));
    // the "+" panel or the keyboard shrinks the chat: keep the last message in view
    new ResizeObserver(() => this.toBottom()).observe(this.el);
    this.clear();
  }

  toBottom() {
    if (this.stick) this.el.scrollTop = this.el.scrollHeight;
  }

  clear() {
    // what a newcomer reads before the first message: where they are and what to try
    this.el.replaceChildren(
      note('这是本地微信模拟器：你正扮演一位居民和服务号聊天。', 'dev hint'),
      note('试试发送“报修”“提议”“查询 1”“我的”“人工”，或点左下角的菜单；“+”可以发位置和照片，右上角可以换居民。', 'dev hint'),
    );
    this.stick = true;
    this.seen = new Set();
    this.lastAt = 0;
    this.pending = new Map();
  }

  add(entry) {
    if (this.seen.has(entry.seq)) return;
    this.seen.add(entry.seq);
    const nodes = this.render(entry).filter(Boolean);
    if (nodes.length === 0) return;
    if (entry.at - this.lastAt > GAP_MS) this.el.append(h('div', { class: 'time', text: chatTime(entry.at) }));
    this.lastAt = entry.at;
    this.el.append(...nodes);
    // pictures grow when they load: keep the bottom in view then too
    for (const n of nodes) for (const img of n.querySelectorAll('img')) img.addEventListener('load', () => this.toBottom(), { once: true });
    if (entry.kind === 'sent') this.stick = true;
    this.toBottom();
  }

  render(e) {
    if (e.kind === 'sent') return this.sent(e);
    if (e.kind === 'reply') return this.reply(e);
    if (e.kind === 'api') return this.api(e);
    return [];
  }

  // ---- the resident's side
  sent(e) {
    const m = e.message;
    const mine = (content) => {
      const row = h('div', { class: 'row me', dataset: { id: e.id } }, h('div', { class: 'avatar me', text: '我' }), h('div', { class: 'content' }, content));
      this.pending.set(e.id, row);
      row.classList.add('sending');
      return [row];
    };
    switch (m.kind) {
      case 'text':
        return mine(h('div', { class: 'bubble', text: m.content }));
      case 'image':
        return mine(h('img', { class: 'pic', src: m.picUrl, alt: '图片' }));
      case 'voice':
        return mine(h('div', { class: 'bubble', text: m.recognition ? `🎤 语音（微信识别：${m.recognition}）` : '🎤 语音' }));
      case 'location':
        return mine(locationCard(m.label, m.lat, m.lng));
      case 'link':
        return mine(h('div', { class: 'card news' }, h('div', { class: 'n-title', text: m.title }), h('div', { class: 'n-body', text: m.description || m.url })));
      default:
        return [this.eventNote(m)];
    }
  }

  eventNote(m) {
    switch (m.event) {
      case 'subscribe':
        this.hooks.onFollowing(true);
        return note(m.scene ? `你通过扫描二维码（${m.scene}）关注了公众号` : '你关注了公众号');
      case 'unsubscribe':
        this.hooks.onFollowing(false);
        return note('你已取消关注公众号');
      case 'SCAN':
        return note(`你扫描了二维码（${m.scene}）`);
      case 'CLICK':
        return note(`点击菜单「${m.key}」`, 'dev');
      case 'VIEW':
        return note(`打开网页 ${m.url}`, 'dev');
      case 'location_select':
        return note(`通过菜单「${m.key}」选择位置`, 'dev');
      case 'scancode_push':
      case 'scancode_waitmsg':
        return note(`扫一扫结果：${m.scanResult}`);
      case 'LOCATION':
        return note(`上报地理位置 ${m.lat}, ${m.lng}`, 'dev');
      default:
        return note(`通过菜单「${m.key}」发送图片 ${m.md5s.length} 张`, 'dev');
    }
  }

  // ---- the passive reply to one message
  reply(e) {
    this.pending.get(e.id)?.classList.remove('sending');
    this.pending.delete(e.id);
    const r = e.reply;
    const out = [];
    if (r.type === 'failed') {
      out.push(note(UNAVAILABLE, 'warn'), note(`（模拟器：${r.reason}）`, 'dev'));
      return out;
    }
    if (e.deliveries > 1) out.push(note(`微信投递了 ${e.deliveries} 次：前 ${e.deliveries - 1} 次 5 秒内没有应答`, 'dev'));
    for (const p of e.problems) out.push(note(`⚠ ${p}`, 'dev'));
    if (r.type === 'text') out.push(this.bot(this.textBubble(r.content)));
    else if (r.type === 'news' && r.articles[0]) out.push(this.bot(newsCard(r.articles[0])));
    else if (r.type === 'image') out.push(this.bot(placeholder('[图片]')));
    else if (r.type === 'other') out.push(this.bot(placeholder(`[${r.msgType}]`)));
    else if (r.type === 'transfer_customer_service') out.push(note('已转接人工客服', 'dev'));
    if (out.length) this.hooks.onTyping(false);
    return out;
  }

  // ---- what the fake API received for this resident
  api(e) {
    const ok = e.response?.errcode === 0;
    const b = e.body ?? {};
    if (e.api === 'message/custom/typing') {
      if (ok) this.hooks.onTyping(b.command === 'Typing');
      return [];
    }
    if (e.api === 'menu/create') {
      if (!ok) return [];
      this.hooks.onMenuChanged();
      return [note('公众号菜单已更新', 'dev')];
    }
    if (e.api === 'message/custom/send') {
      if (!ok) return [note(`客服消息未送达：${e.response.errcode} ${e.response.errmsg}`, 'dev')];
      this.hooks.onTyping(false);
      return [this.bot(this.customContent(b))];
    }
    if (e.api === 'message/template/send') {
      if (!ok) return [note(`模板消息未送达：${e.response.errcode} ${e.response.errmsg}`, 'dev')];
      return [templateCard(b, e.at)];
    }
    return [];
  }

  customContent(b) {
    switch (b.msgtype) {
      case 'text':
        return this.textBubble(b.text?.content ?? '');
      case 'news':
        return b.news?.articles?.[0] ? newsCard({ ...b.news.articles[0], picUrl: b.news.articles[0].picurl }) : placeholder('[图文]');
      case 'msgmenu': {
        const menu = b.msgmenu ?? {};
        const bubble = h('div', { class: 'bubble msgmenu' });
        if (menu.head_content) bubble.append(h('div', { text: menu.head_content }));
        for (const item of menu.list ?? []) {
          const tap = () => this.hooks.onQuickReply(item.content, item.id);
          bubble.append(h('a', { class: 'choice quick', role: 'button', tabindex: '0', text: item.content, onclick: tap }));
        }
        if (menu.tail_content) bubble.append(h('div', { text: menu.tail_content }));
        return bubble;
      }
      case 'image':
        return placeholder('[图片]');
      case 'voice':
        return placeholder('[语音]');
      default:
        return placeholder(`[${b.msgtype ?? '消息'}]`);
    }
  }

  textBubble(text) {
    return renderBotText(h('div', { class: 'bubble' }), text, this.hooks.onQuickReply);
  }

  bot(content) {
    return h('div', { class: 'row bot' }, h('div', { class: 'avatar bot', text: '民' }), h('div', { class: 'content' }, content));
  }
}

function note(text, tone = '') {
  return h('div', { class: `note ${tone}`.trim(), text });
}

function placeholder(text) {
  return h('div', { class: 'media-placeholder', text });
}

function locationCard(label, lat, lng) {
  return h(
    'div',
    { class: 'card loc' },
    h('div', { class: 'place', text: label || '位置' }),
    h('div', { class: 'coords', text: `${lat}, ${lng}` }),
    h('div', { class: 'map' }),
  );
}

function newsCard(a) {
  return h(
    'a',
    { class: 'card news', href: a.url, target: '_blank', rel: 'noopener noreferrer' },
    h('div', { class: 'n-title', text: a.title }),
    h('div', { class: 'n-body' }, h('span', { text: a.description }), a.picUrl ? h('img', { src: a.picUrl, alt: '' }) : null),
  );
}

/**
 * The label a field gets on the phone comes from the template in WeChat's console, which the
 * simulator does not know: it is guessed from the typed key (thing2 → 事项); the key is the tooltip.
 */
const FIELD_LABELS = { character_string: '编号', thing: '事项', phrase: '状态', time: '时间', date: '日期', amount: '金额', number: '数量', name: '姓名', phone_number: '电话', const: '说明', keyword: '内容' };
const fieldLabel = (key) => {
  const type = key.replace(/\d+$/, '');
  return Object.hasOwn(FIELD_LABELS, type) ? FIELD_LABELS[type] : key;
};

/** A template push as WeChat shows it since 2023: a card of one-line fields and a 详情 link. */
function templateCard(b, at) {
  const fields = Object.entries(b.data ?? {});
  const dl = h('dl');
  for (const [key, v] of fields) dl.append(h('dt', { text: fieldLabel(key), title: key }), h('dd', { text: v?.value ?? '' }));
  const card = h(
    'div',
    { class: 'card template', dataset: { template: b.template_id ?? '' } },
    h('div', { class: 't-head', text: '服务通知' }),
    h('div', { class: 't-time', text: `${chatTime(at)} · 模板 ${b.template_id ?? ''}` }),
    dl,
    b.url ? h('a', { class: 't-link', href: b.url, target: '_blank', rel: 'noopener noreferrer', text: '详情' }) : null,
  );
  return h('div', { class: 'row template-row' }, h('div', { class: 'content' }, card));
}
