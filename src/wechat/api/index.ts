import { silentLogger, type Logger } from '../../log.js';
import type { StateStore } from '../../state/store.js';
import { WechatCaller } from './call.js';
import { CustomMessageService } from './custom.js';
import type { ForceRefreshLimits } from './force-refresh-budget.js';
import { WechatHttp } from './http.js';
import { MediaService } from './media.js';
import { MenuService } from './menu.js';
import { QuotaLedger, type QuotaRules } from './quota.js';
import type { RetryOptions } from './retry.js';
import { TemplateMessageService } from './template.js';
import { AccessTokenService } from './token.js';

export * from './errors.js';
export { customMessageBody, CustomMessageService, WINDOW_ERRCODES } from './custom.js';
export { MediaService, mediaExtension, type MediaType, type StoredMedia } from './media.js';
export { loadMenuFile, menuSchema, MenuService, type Menu } from './menu.js';
export { QuotaLedger, WECHAT_QUOTA_RULES, type ConsumeResult, type InboundKind, type QuotaRules, type QuotaStatus } from './quota.js';
export { fitTemplateField, validateTemplateData, TemplateMessageService, TEMPLATE_FIELD_MAX, type TemplateMessage } from './template.js';
export { AccessTokenService } from './token.js';
export { WechatCaller, TOKEN_ERRCODES } from './call.js';
export { WechatHttp } from './http.js';

export interface WechatApiOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  store: StateStore;
  logger?: Logger;
  now?: () => number;
  fetch?: typeof fetch;
  /** per HTTP call (default 10 s) */
  timeoutMs?: number;
  retry?: RetryOptions;
  quotaRules?: QuotaRules;
  forceRefresh?: ForceRefreshLimits;
  /** refresh the token this long before it expires (default 5 min) */
  tokenMarginMs?: number;
}

/** The WeChat API client: one object per app, shared by the runtime, notify/ and the console. */
export interface WechatApi {
  tokens: AccessTokenService;
  quota: QuotaLedger;
  custom: CustomMessageService;
  template: TemplateMessageService;
  media: MediaService;
  menu: MenuService;
  /** for calls not wrapped above: token handling and retries included */
  caller: WechatCaller;
}

export function createWechatApi(opts: WechatApiOptions): WechatApi {
  const logger = (opts.logger ?? silentLogger).child({ component: 'wechat-api' });
  const now = opts.now ?? Date.now;
  const http = new WechatHttp({
    apiBase: opts.apiBase,
    logger,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  const tokens = new AccessTokenService({
    http,
    store: opts.store,
    appId: opts.appId,
    appSecret: opts.appSecret,
    logger,
    now,
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.forceRefresh ? { forceRefresh: opts.forceRefresh } : {}),
    ...(opts.tokenMarginMs !== undefined ? { marginMs: opts.tokenMarginMs } : {}),
  });
  const caller = new WechatCaller(http, tokens, opts.retry, logger);
  const quota = new QuotaLedger(opts.store, { now, ...(opts.quotaRules ? { rules: opts.quotaRules } : {}) });
  return {
    tokens,
    quota,
    caller,
    custom: new CustomMessageService(caller, quota, logger),
    template: new TemplateMessageService(caller, opts.store, now),
    media: new MediaService(caller, now),
    menu: new MenuService(caller),
  };
}
