import { MENU_LIMITS, type WechatMenu, type WechatMenuButton, type WechatMenuLeaf } from '../../../../contract.js';

/**
 * The menu editor's model: WeChat's `{ button: [...] }` as a list of editable buttons (each a single
 * button or a group of sub-buttons), and back. The server checks the result with WeChat's rules.
 */
export const BUTTON_TYPES = [
  'click',
  'view',
  'pic_photo_or_album',
  'pic_sysphoto',
  'pic_weixin',
  'location_select',
  'scancode_waitmsg',
  'scancode_push',
  'miniprogram',
  'article_id',
] as const;
export type ButtonType = (typeof BUTTON_TYPES)[number];

export const TYPE_LABELS: Record<ButtonType, string> = {
  click: '点击（发送关键词）',
  view: '网页',
  pic_photo_or_album: '拍照或相册',
  pic_sysphoto: '拍照',
  pic_weixin: '微信相册',
  location_select: '发送位置',
  scancode_waitmsg: '扫一扫（结果发给机器人）',
  scancode_push: '扫一扫（微信直接处理）',
  miniprogram: '小程序',
  article_id: '已发表的图文',
};

/** what happens when a resident taps it, for the editor and the preview */
export const TYPE_HINTS: Record<ButtonType, string> = {
  click: '居民点了，等于给机器人发送这个关键词',
  view: '居民点了，在微信里打开这个网页',
  pic_photo_or_album: '居民点了，可拍照或从相册选图，照片作为下一条消息发给机器人',
  pic_sysphoto: '居民点了，打开相机拍照，照片作为下一条消息发给机器人',
  pic_weixin: '居民点了，从微信相册选图，照片作为下一条消息发给机器人',
  location_select: '居民点了，在地图上选择位置，位置作为下一条消息发给机器人',
  scancode_waitmsg: '居民点了，扫描二维码，结果发给机器人',
  scancode_push: '居民点了，扫描二维码，由微信直接处理（如打开网址）',
  miniprogram: '居民点了，打开小程序（旧版微信打开备用网页）',
  article_id: '居民点了，打开一篇已发表的图文消息',
};

/** types whose key WeChat sends back with the event (click keys are the bot's words) */
const EVENT_TYPES = new Set<string>(['click', 'pic_photo_or_album', 'pic_sysphoto', 'pic_weixin', 'location_select', 'scancode_waitmsg', 'scancode_push']);
export const isEventType = (t: string) => EVENT_TYPES.has(t);
export const isKnownType = (t: string): t is ButtonType => (BUTTON_TYPES as readonly string[]).includes(t);

export interface EditLeaf {
  /** React key only */
  uid: string;
  type: string;
  name: string;
  key: string;
  url: string;
  appid: string;
  pagepath: string;
  articleId: string;
}
export interface EditButton extends EditLeaf {
  group: boolean;
  subs: EditLeaf[];
}

let seq = 0;
const uid = () => `b${++seq}`;

export const newLeaf = (name = ''): EditLeaf => ({ uid: uid(), type: 'click', name, key: '', url: '', appid: '', pagepath: '', articleId: '' });
/** a single button's own fields, as the first sub-button of the group it becomes */
export const asLeaf = (b: EditLeaf): EditLeaf => ({ uid: uid(), type: b.type, name: b.name, key: b.key, url: b.url, appid: b.appid, pagepath: b.pagepath, articleId: b.articleId });
export const newButton = (name = ''): EditButton => ({ ...newLeaf(name), group: false, subs: [] });

function leafFrom(b: WechatMenuLeaf | WechatMenuButton): EditLeaf {
  return {
    uid: uid(),
    type: b.type ?? 'click',
    name: b.name,
    key: b.key ?? '',
    url: b.url ?? '',
    appid: b.appid ?? '',
    pagepath: b.pagepath ?? '',
    articleId: b.article_id ?? '',
  };
}

export function fromWechat(menu: WechatMenu): EditButton[] {
  return menu.button.map((b) =>
    b.sub_button ? { ...leafFrom({ ...b, type: 'click' }), key: '', group: true, subs: b.sub_button.map(leafFrom) } : { ...leafFrom(b), group: false, subs: [] },
  );
}

function leafTo(l: EditLeaf): WechatMenuLeaf {
  const name = l.name.trim();
  const type = l.type;
  if (isEventType(type)) return { type, name, key: l.key.trim() || (type === 'click' ? '' : name) };
  if (type === 'view') return { type, name, url: l.url.trim() };
  if (type === 'miniprogram') return { type, name, url: l.url.trim(), appid: l.appid.trim(), pagepath: l.pagepath.trim() };
  if (type === 'article_id') return { type, name, article_id: l.articleId.trim() };
  // a type the editor does not offer (from an older file): kept as it was
  return { type, name, ...(l.key ? { key: l.key } : {}), ...(l.url ? { url: l.url } : {}) };
}

export function toWechat(buttons: readonly EditButton[]): WechatMenu {
  return { button: buttons.map((b) => (b.group ? { name: b.name.trim(), sub_button: b.subs.map(leafTo) } : leafTo(b))) };
}

/** the same menu, whatever the order of fields */
export const sameMenu = (a: WechatMenu, b: WechatMenu) => JSON.stringify(toWechat(fromWechat(a))) === JSON.stringify(toWechat(fromWechat(b)));

const encoder = new TextEncoder();
export const byteLength = (s: string) => encoder.encode(s).length;

/** what the editor can tell at once (the server checks again and names anything else) */
export function localProblems(buttons: readonly EditButton[]): string[] {
  const out: string[] = [];
  if (!buttons.length) out.push('至少要有 1 个一级菜单');
  buttons.forEach((b, i) => {
    const top = `第 ${i + 1} 个菜单${b.name.trim() ? `「${b.name.trim()}」` : ''}`;
    if (!b.name.trim()) out.push(`${top}：名称不能为空`);
    else if (byteLength(b.name.trim()) > MENU_LIMITS.topName) out.push(`${top}：名称超过 ${MENU_LIMITS.topName} 字节`);
    const leaves = b.group ? b.subs.map((s, j) => [s, `${top}的第 ${j + 1} 个子菜单`] as const) : [[b, top] as const];
    if (b.group && (b.subs.length < 1 || b.subs.length > MENU_LIMITS.subButtons)) out.push(`${top}：子菜单要有 1 到 ${MENU_LIMITS.subButtons} 个`);
    for (const [l, where] of leaves) {
      if (b.group) {
        if (!l.name.trim()) out.push(`${where}：名称不能为空`);
        else if (byteLength(l.name.trim()) > MENU_LIMITS.subName) out.push(`${where}：名称超过 ${MENU_LIMITS.subName} 字节`);
      }
      if (l.type === 'click' && !l.key.trim()) out.push(`${where}：请选择或填写要发送的关键词`);
      if (isEventType(l.type) && byteLength(l.key.trim()) > MENU_LIMITS.key) out.push(`${where}：关键词超过 ${MENU_LIMITS.key} 字节`);
      if ((l.type === 'view' || l.type === 'miniprogram') && !/^https?:\/\/\S+$/i.test(l.url.trim())) out.push(`${where}：请填写以 https:// 开头的网址`);
      if (l.type === 'miniprogram' && (!l.appid.trim() || !l.pagepath.trim())) out.push(`${where}：请填写小程序的 AppID 和页面路径`);
      if (l.type === 'article_id' && !l.articleId.trim()) out.push(`${where}：请填写图文的 article_id`);
    }
  });
  return out;
}
