import type { z } from 'zod';
import { menuSchema, type Menu } from '../../wechat/api/menu.js';
import { MENU_LIMITS } from '../contract/menu.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** at most this many problems in one answer: staff fix them and save again */
const SHOWN = 4;

/**
 * A menu from staff or config/menu.yaml, checked by menuSchema (WeChat's rules), with every problem
 * named in zh-CN at the button it concerns: 第 1 个菜单「我要报修」的第 2 个子菜单「位置报修」：名称太长 …
 */
export function checkMenu(input: unknown): { ok: true; menu: Menu } | { ok: false; problems: string[] } {
  const parsed = menuSchema.safeParse(input);
  if (parsed.success) return { ok: true, menu: parsed.data };
  const problems = [...new Set(parsed.error.issues.flatMap((i) => describe(i, [], input)))];
  return { ok: false, problems: problems.length ? problems : ['菜单格式不对'] };
}

/** the 400 message: the first few problems, and how many more */
export function problemsMessage(problems: readonly string[]): string {
  const more = problems.length > SHOWN ? `；另有 ${problems.length - SHOWN} 处问题` : '';
  return `菜单有误：${problems.slice(0, SHOWN).join('；')}${more}`;
}

function valueAt(root: unknown, p: Path): unknown {
  let v = root;
  for (const k of p) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const nameOf = (v: unknown): string => {
  const name = (v as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || !name.trim()) return '';
  const chars = [...name.trim()];
  return `「${chars.length > 12 ? `${chars.slice(0, 12).join('')}…` : name.trim()}」`;
};

/** 第 2 个菜单「我要提议」 / 第 1 个菜单「我要报修」的第 3 个子菜单「文字报修」 */
function where(p: Path, root: unknown): string {
  if (p[0] !== 'button' || typeof p[1] !== 'number') return '菜单';
  const top = `第 ${p[1] + 1} 个菜单${nameOf(valueAt(root, p.slice(0, 2)))}`;
  if (p[2] !== 'sub_button' || typeof p[3] !== 'number') return top;
  return `${top}的第 ${p[3] + 1} 个子菜单${nameOf(valueAt(root, p.slice(0, 4)))}`;
}

const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
const isSub = (p: Path) => p[2] === 'sub_button' && typeof p[3] === 'number';
/** the button a path points into: button.i or button.i.sub_button.j */
const buttonPath = (p: Path): Path => (isSub(p) ? p.slice(0, 4) : p.slice(0, 2));

function describe(issue: Issue, base: Path, root: unknown): string[] {
  const at = [...base, ...issue.path];
  // a top-level button is a leaf or a group: explain it as the shape it was meant to be
  if (issue.code === 'invalid_union' && issue.errors.length) {
    const value = valueAt(root, at);
    const group = value !== null && typeof value === 'object' && 'sub_button' in value;
    const branch = issue.errors[group ? issue.errors.length - 1 : 0] ?? [];
    return branch.flatMap((i) => describe(i, at, root));
  }
  return [problem(issue, at, root)];
}

function problem(issue: Issue, at: Path, root: unknown): string {
  const field = at[at.length - 1];
  const value = valueAt(root, at);
  const missing = value === undefined || value === null || value === '';
  if (at.length === 0) {
    if (issue.code === 'custom') return duplicateKeys(root) ?? '菜单格式不对';
    if (issue.code === 'unrecognized_keys') return '菜单只能包含 button（按钮列表）';
    return '菜单格式不对：需要 button（按钮列表）';
  }
  if (at.length === 1 && field === 'button') {
    if (issue.code === 'too_big') return `一级菜单最多 ${MENU_LIMITS.buttons} 个`;
    if (issue.code === 'too_small') return '至少要有 1 个一级菜单';
    return '菜单格式不对：button 应是按钮列表';
  }
  const w = where(buttonPath(at), root);
  switch (field) {
    case 'name': {
      if (missing) return `${w}：名称不能为空`;
      const max = isSub(at) ? MENU_LIMITS.subName : MENU_LIMITS.topName;
      return `${w}：名称太长（${bytes(value)} 字节，${isSub(at) ? '子菜单' : '一级菜单'}最多 ${max} 字节，一个汉字占 3 字节）`;
    }
    case 'key':
      return missing ? `${w}：请填写点击后发送的关键词（key）` : `${w}：关键词（key）太长（${bytes(value)} 字节，最多 ${MENU_LIMITS.key} 字节）`;
    case 'url':
      if (missing) return `${w}：请填写网址`;
      return bytes(value) > MENU_LIMITS.url ? `${w}：网址太长（最多 ${MENU_LIMITS.url} 字节）` : `${w}：网址要以 https:// 或 http:// 开头`;
    case 'appid':
      return `${w}：请填写小程序的 AppID`;
    case 'pagepath':
      return `${w}：请填写小程序的页面路径`;
    case 'article_id':
      return `${w}：请填写图文消息的 article_id`;
    case 'type':
      return missing ? `${w}：请选择按钮类型` : `${w}：微信不支持按钮类型「${String(value).slice(0, 30)}」`;
    case 'sub_button':
      if (issue.code === 'too_big' || issue.code === 'too_small') return `${w}：子菜单要有 1 到 ${MENU_LIMITS.subButtons} 个`;
      return `${w}：子菜单格式不对`;
  }
  if (issue.code === 'unrecognized_keys') return `${w}：有这种按钮用不到的字段 ${issue.keys.map((k) => k.slice(0, 20)).join('、')}`;
  if (issue.code === 'invalid_type' && issue.expected === 'object') return `${w}：格式不对`;
  return `${w}：格式不对（${issue.message}）`;
}

/** menuSchema refuses a key used twice; say which */
function duplicateKeys(root: unknown): string | undefined {
  const buttons = valueAt(root, ['button']);
  if (!Array.isArray(buttons)) return undefined;
  const seen = new Map<string, number>();
  for (const b of buttons as unknown[]) {
    const subs = valueAt(b, ['sub_button']);
    for (const leaf of Array.isArray(subs) ? (subs as unknown[]) : [b]) {
      const key = valueAt(leaf, ['key']);
      if (typeof key === 'string') seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  const twice = [...seen].filter(([, n]) => n > 1).map(([k]) => `「${k.slice(0, 30)}」`);
  return twice.length ? `关键词（key）${twice.join('、')}被多个按钮使用，机器人分不清是哪个按钮` : undefined;
}
