import { readFileSync } from 'node:fs';
import type Koa from 'koa';
import { defaultCommunitiesFile, parseCommunitiesFile } from '../civic/communities.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { SimChat } from './chat.js';
import { createFakeWechatApi, type FakeWechatApi } from './fake-api/index.js';
import { SimMediaStore } from './media-store.js';
import { currentMenu } from './menu.js';
import { SimRecorder } from './recorder.js';
import { createSimRoutes } from './routes.js';
import { SimTimeline } from './timeline.js';
import { WechatClient } from './wechat-client.js';

/**
 * The local WeChat simulator: the fake WeChat API (under /sim/api) and the phone-like chat page
 * (under /sim). Mounted only in local mode; never when WECHAT_APP_ID is set.
 */
export interface LocalSimulator {
  middleware: Koa.Middleware;
  recorder: SimRecorder;
  close(): Promise<void>;
  fakeApi: FakeWechatApi;
  /** posts to the webhook as WeChat does; `client.timeoutMs` is WeChat's 5 s (tests shorten it) */
  client: WechatClient;
  chat: SimChat;
  timeline: SimTimeline;
  media: SimMediaStore;
}

export interface LocalSimulatorOptions {
  config: Config;
  logger: Logger;
  webhookUrl: () => string;
  /** how long WeChat waits for an answer before delivering again (5 s) */
  timeoutMs?: number;
}

interface CommunityChoice {
  id: string;
  name: string;
  street: string;
}

function loadCommunityChoices(): CommunityChoice[] {
  try {
    const file = parseCommunitiesFile(readFileSync(defaultCommunitiesFile, 'utf8'));
    return file.streets.flatMap((s) => s.communities.map((c) => ({ id: c.id, name: c.name, street: s.name })));
  } catch {
    return [];
  }
}

export function createLocalSimulator(opts: LocalSimulatorOptions): LocalSimulator {
  const { config, logger } = opts;
  const recorder = new SimRecorder();
  const fakeApi = createFakeWechatApi({ appId: config.wechat.appId, appSecret: config.wechat.appSecret, recorder });
  const timeline = new SimTimeline();
  const detach = timeline.follow(recorder);
  const origin = () => new URL(opts.webhookUrl()).origin;
  const media = new SimMediaStore((id, bytes, type) => fakeApi.registerMedia(id, bytes, type), origin);
  const client = new WechatClient({
    webhookUrl: opts.webhookUrl,
    token: config.wechat.token,
    appId: config.wechat.appId,
    ...(config.wechat.aesKey ? { aesKey: config.wechat.aesKey } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    noteInbound: (openid, kind) => fakeApi.noteInbound(openid, kind),
  });
  const chat = new SimChat({ client, timeline, media, logger: logger.child({ component: 'simulator' }) });
  let communities: CommunityChoice[] | undefined;
  const routes = createSimRoutes({
    chat,
    timeline,
    media,
    menu: () => currentMenu(fakeApi.currentMenu()),
    info: () => ({
      accountId: client.accountId,
      appId: config.wechat.appId,
      encryption: client.encryption,
      timeoutMs: client.timeoutMs,
      communities: (communities ??= loadCommunityChoices()),
    }),
  });

  const middleware: Koa.Middleware = async (ctx, next) => {
    if (ctx.path !== '/sim' && !ctx.path.startsWith('/sim/')) return next();
    return fakeApi.middleware(ctx, () => routes.middleware(ctx, next));
  };

  return {
    middleware,
    recorder,
    fakeApi,
    client,
    chat,
    timeline,
    media,
    close: async () => {
      routes.close();
      detach();
    },
  };
}
