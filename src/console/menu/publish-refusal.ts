import { AppError } from '../../errors.js';
import { AccessTokenError, WechatApiError, WechatTransportError } from '../../wechat/api/index.js';

/** WeChat's errcodes for menu/create, in staff words */
const MENU_ERRCODES: Record<number, string> = {
  40016: '一级菜单的个数不对（1 到 3 个）',
  40017: '一级菜单的类型不对',
  40018: '一级菜单的名称太长',
  40019: '一级菜单的 key 太长',
  40020: '一级菜单的网址太长或格式不对',
  40023: '子菜单的个数不对（1 到 5 个）',
  40024: '子菜单的类型不对',
  40025: '子菜单的名称太长',
  40026: '子菜单的 key 太长',
  40027: '子菜单的网址太长或格式不对',
  40054: '子菜单网址的域名不被允许',
  40055: '菜单网址的域名不被允许',
  45009: '今天调用菜单接口的次数已用完，请明天再试',
  48001: '公众号没有自定义菜单接口的权限（未认证的订阅号不能用接口设置菜单）',
  65318: '菜单内容的编码不对',
};

const TOKEN_TEXT: Record<AccessTokenError['reason'], string> = {
  ip_not_whitelisted: '本服务器的 IP 不在公众号的 IP 白名单里',
  bad_secret: 'AppSecret 不正确或已被重置',
  bad_appid: 'AppID 不正确',
  force_refresh_limited: '微信一直拒绝访问令牌，且刷新次数受限',
  lock_timeout: '获取访问令牌超时',
};

/**
 * Why menu/create did not take the menu, as a safe zh-CN AppError (WeChat's errmsg is kept short
 * and shown as text), with the errcode for the audit row; undefined for an error of our own.
 */
export function publishRefusal(e: unknown): { error: AppError; errcode?: number } | undefined {
  if (e instanceof WechatApiError) {
    if (e.errcode === -1) return { error: new AppError('unavailable', '微信系统繁忙，菜单没有更新，请稍后再试', { reason: 'wechat_busy' }), errcode: -1 };
    const why = MENU_ERRCODES[e.errcode] ?? e.errmsg.replace(/\s+/g, ' ').slice(0, 80);
    return { error: new AppError('conflict', `微信拒绝了这个菜单（错误码 ${e.errcode}：${why}），公众号上的菜单没有变`, { reason: 'wechat_refused' }), errcode: e.errcode };
  }
  if (e instanceof AccessTokenError)
    return { error: new AppError('unavailable', `无法连接公众号：${TOKEN_TEXT[e.reason]}，菜单没有更新`, { reason: 'access_token' }), ...(e.errcode !== undefined ? { errcode: e.errcode } : {}) };
  if (e instanceof WechatTransportError)
    return { error: new AppError('unavailable', '连接微信服务器失败（超时或网络错误），菜单可能没有更新，请稍后重新发布', { reason: 'wechat_unreachable' }) };
  return undefined;
}
