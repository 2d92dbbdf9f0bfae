import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

// the one place dayjs is set up (every page formats through here)
dayjs.extend(relativeTime);
dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/**
 * The programme keeps Beijing time (the server's dates, deadlines and periods are Asia/Shanghai):
 * times are shown in it whatever zone the staff member's computer is set to.
 */
const ZONE = 'Asia/Shanghai';
const local = (d: string | Date) => dayjs(d).tz(ZONE);

/** 分 → "1,234.50 元"; from 10 000 元 up "12.35 万元" (how officials quote project money). */
export function money(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 10_000) return `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  return `${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;
}

/** 分 → "1,234,567.50" 元 with two decimals, as the 报表 and its exports show money */
export const yuanExact = (fen: number): string => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 元 typed by staff (may have 2 decimals) → 分, exact */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

export const dateTime = (d: string | Date | null | undefined): string => (d ? local(d).format('YYYY-MM-DD HH:mm') : '—');
export const date = (d: string | Date | null | undefined): string => (d ? local(d).format('YYYY-MM-DD') : '—');
export const fromNow = (d: string | Date | null | undefined): string => (d ? dayjs(d).fromNow() : '—');

export const percent = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)}%`;

/** hours → "3.5 小时" / "2.1 天" */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 48) return `${hours.toFixed(1)} 小时`;
  return `${(hours / 24).toFixed(1)} 天`;
}

/**
 * The bot's tappable lines (WeChat quick replies, <a href="weixin://bizmsgmenu?…">1 继续填写</a>) as
 * the resident read them: their labels. Only for what the bot and staff sent; a resident's own
 * words are shown exactly as typed, markup included.
 */
export const tapsAsText = (body: string): string => body.replace(/<a href="weixin:\/\/bizmsgmenu\?[^"<>]*">([^<>]*)<\/a>/g, '$1');
