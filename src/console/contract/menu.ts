/** The official account's menu (自定义菜单): saved versions, the published one, the bot's words. */
import { z } from 'zod';
import { iso } from './common.js';

/**
 * WeChat's limits, in UTF-8 bytes where they are sizes (a 汉字 is 3 bytes). The server checks a
 * menu with menuSchema (src/wechat/api/menu.ts); the editor counts against these as staff type.
 */
export const MENU_LIMITS = { buttons: 3, subButtons: 5, topName: 16, subName: 60, key: 128, url: 1024 } as const;

/** a button in WeChat's own field names, read leniently (the strict check is menuSchema) */
const menuLeafView = z.object({
  type: z.string(),
  name: z.string(),
  key: z.string().optional(),
  url: z.string().optional(),
  appid: z.string().optional(),
  pagepath: z.string().optional(),
  article_id: z.string().optional(),
});
const menuButtonView = menuLeafView.partial({ type: true }).extend({ sub_button: z.array(menuLeafView).optional() });
/** `{ button: [...] }`, as menu/create takes it */
export const wechatMenuSchema = z.object({ button: z.array(menuButtonView) });
export type WechatMenu = z.infer<typeof wechatMenuSchema>;
export type WechatMenuButton = z.infer<typeof menuButtonView>;
export type WechatMenuLeaf = z.infer<typeof menuLeafView>;

export const menuVersionSchema = z.object({
  id: z.number(),
  menu: wechatMenuSchema,
  note: z.string().nullable(),
  createdAt: iso,
  /** display names */
  createdBy: z.string().nullable(),
  /** the last time this version was published; null = never */
  publishedAt: iso.nullable(),
  publishedBy: z.string().nullable(),
  /** the version residents see now (the newest published) */
  live: z.boolean(),
});
export type MenuVersion = z.infer<typeof menuVersionSchema>;

/** a word a click button may send: the bot acts on it */
export const botWordSchema = z.object({
  word: z.string(),
  /** what the bot does with it, in staff words */
  means: z.string(),
  source: z.enum(['command', 'flow', 'keyword']),
});
export type BotWord = z.infer<typeof botWordSchema>;

export const menuStateResponseSchema = z.object({
  draft: z.object({
    /** saved = the newest saved version; file = config/menu.yaml, nothing saved in the console yet */
    source: z.enum(['saved', 'file']),
    version: menuVersionSchema.nullable(),
    menu: wechatMenuSchema,
    /** why config/menu.yaml could not be read (source file only) */
    fileProblem: z.string().nullable(),
    /** click keys of the draft the bot would not act on */
    warnings: z.array(z.string()),
  }),
  published: menuVersionSchema.nullable(),
  /** newest first */
  history: z.array(menuVersionSchema),
  words: z.array(botWordSchema),
  /** false when the WeChat API client is not available, so publishing would fail */
  canPublish: z.boolean(),
});

/** the menu is checked by menuSchema on the server, whose answer names every problem in zh-CN */
export const menuSaveBodySchema = z.object({
  menu: z.unknown(),
  note: z.string().trim().max(100, '备注最多 100 字').optional(),
});
export const menuSaveResponseSchema = z.object({ version: menuVersionSchema, warnings: z.array(z.string()) });
export const menuPublishResponseSchema = z.object({ version: menuVersionSchema });
