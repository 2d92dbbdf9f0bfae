import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { WechatCaller } from './call.js';

const bytes = (max: number, what: string) =>
  z.string().min(1).refine((s) => Buffer.byteLength(s, 'utf8') <= max, `${what} is at most ${max} bytes (UTF-8)`);

/** WeChat: top-level names ≤ 16 bytes (4 汉字), sub-button names ≤ 60 bytes, keys ≤ 128 bytes */
const key = bytes(128, 'key');
/** WeChat opens http(s) pages only (40020 / 40027); z.url() alone would take ftp: */
const url = bytes(1024, 'url').pipe(z.url({ protocol: /^https?$/ }));

/** event buttons: WeChat posts the EventKey back; click keys are words the bot understands */
const eventTypes = ['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'] as const;

const leaf = (name: z.ZodType<string>) =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.enum(eventTypes), name, key }),
    z.strictObject({ type: z.literal('view'), name, url }),
    z.strictObject({ type: z.literal('miniprogram'), name, url, appid: z.string().min(1), pagepath: z.string().min(1) }),
    z.strictObject({ type: z.literal('article_id'), name, article_id: z.string().min(1) }),
  ]);

const topName = bytes(16, 'a top-level button name');
const subName = bytes(60, 'a sub-button name');

const parent = z.strictObject({ name: topName, sub_button: z.array(leaf(subName)).min(1, 'a menu needs 1 to 5 sub-buttons').max(5, 'a menu needs 1 to 5 sub-buttons') });

export const menuSchema = z
  .strictObject({ button: z.array(z.union([leaf(topName), parent])).min(1).max(3, 'at most 3 top-level buttons') })
  .superRefine((menu, ctx) => {
    const seen = new Set<string>();
    for (const b of menu.button.flatMap((b) => ('sub_button' in b ? b.sub_button : [b]))) {
      if (!('key' in b)) continue;
      if (seen.has(b.key)) ctx.addIssue({ code: 'custom', message: `key "${b.key}" is used twice: the bot could not tell the buttons apart` });
      seen.add(b.key);
    }
  });

export type Menu = z.infer<typeof menuSchema>;

/** reads and validates a menu YAML file (default config/menu.yaml); the error names every problem */
export function loadMenuFile(file = 'config/menu.yaml'): Menu {
  const raw: unknown = parseYaml(readFileSync(file, 'utf8'));
  const parsed = menuSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, []).map((p) => `  - ${p}`);
    throw new Error(`invalid menu ${file}:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** "path: message" lines; for a button that fits neither shape, the closer shape's problems */
function describeIssues(issues: readonly z.core.$ZodIssue[], base: PropertyKey[]): string[] {
  return issues.flatMap((i) => {
    const at = [...base, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length) {
      const closest = [...i.errors].sort((a, b) => a.length - b.length)[0]!;
      return describeIssues(closest, at);
    }
    return [`${at.map(String).join('.') || '(menu)'}: ${i.message}`];
  });
}

const okAnswer = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() }).loose();

/** the custom menu (自定义菜单); creating it replaces the current one, so a retry is harmless */
export class MenuService {
  constructor(private readonly caller: WechatCaller) {}

  async create(menu: Menu): Promise<void> {
    await this.caller.json({ api: 'menu/create', json: menuSchema.parse(menu), idempotent: true }, okAnswer);
  }
}
