import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { classifySendError } from '../../src/notify/classify.js';
import { clientMsgIdFor } from '../../src/notify/delivery-state.js';
import { loadPushTemplates, loadPushTexts, parsePushTemplates, parsePushTexts } from '../../src/notify/push-config.js';
import { inQuietHours, nextChinaMidnight, quietHoursEnd, quietHoursSchema, retryDelay } from '../../src/notify/schedule.js';
import { DEFAULT_PUSH_SETTINGS, parsePushSettings } from '../../src/notify/settings.js';
import { AccessTokenError, MaybeSentError, TemplateFieldError, WechatApiError, WechatTransportError, WindowClosedError } from '../../src/wechat/api/index.js';

const china = (s: string) => Date.parse(`${s}+08:00`);
const tpl = (fields: Record<string, string>, templateId: string | null = 'T1') => ({ templates: { status_changed: { templateId, fields } } });

describe('push configuration', () => {
  it('config/templates.yaml and flows/push.zh-CN.yaml load', () => {
    const t = loadPushTemplates();
    expect(Object.keys(t).sort()).toEqual(['case_update', 'publicity_notice', 'status_changed']);
    expect(t.status_changed!.fields).toMatchObject({ character_string1: '{{number}}', phrase3: '{{status}}' });
    expect(loadPushTexts().updates.note).toBe('有新进展');
  });

  it.each([
    [tpl({ thing1: '{{titel}}' }), 'unknown placeholder {{titel}}'],
    [tpl({ first: '{{title}}' }), 'first/remark'],
    [tpl({}), 'at least one field'],
    [tpl({ thing1: 'a\nb' }), 'one line'],
    [{ templates: { status_change: { templateId: 'T', fields: { thing1: 'x' } } } }, 'status_change'],
  ])('templates: %j is refused', (raw, message) => {
    expect(() => parsePushTemplates(raw)).toThrow(message);
  });

  it('a template may be switched off with templateId: null', () => {
    expect(parsePushTemplates(tpl({ thing1: '{{title}}' }, null)).status_changed!.templateId).toBeNull();
  });

  it('push texts with an unknown placeholder are refused', () => {
    const texts = structuredClone(loadPushTexts()) as { custom: Record<string, string> };
    texts.custom.link = '详情：{{link}}';
    expect(() => parsePushTexts(texts)).toThrow('{{link}}');
  });

  it('PUSH_* settings: defaults, values, and errors that name the variable', () => {
    expect(parsePushSettings({})).toEqual(DEFAULT_PUSH_SETTINGS);
    expect(parsePushSettings({ PUSH_RATE_PER_SECOND: '0', PUSH_QUIET_HOURS: '22:00-07:00', PUSH_LEASE_MS: '60000' })).toMatchObject({
      ratePerSecond: 0,
      quietHours: { start: 22 * 60, end: 7 * 60 },
      leaseMs: 60_000,
    });
    for (const [k, v] of [['PUSH_QUIET_HOURS', '22-7'], ['PUSH_LEASE_MS', '600000'], ['PUSH_RATE_PER_SECOND', '-1']]) {
      const err = (() => {
        try {
          parsePushSettings({ [k!]: v });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(k);
    }
  });
});

describe('schedules', () => {
  it('quiet hours across midnight and within a day, in China time', () => {
    const night = quietHoursSchema.parse('22:00-07:00')!;
    expect(inQuietHours(night, china('2026-03-04T21:59:59'))).toBe(false);
    expect(inQuietHours(night, china('2026-03-04T22:00:00'))).toBe(true);
    expect(inQuietHours(night, china('2026-03-05T06:59:00'))).toBe(true);
    expect(inQuietHours(night, china('2026-03-05T07:00:00'))).toBe(false);
    expect(quietHoursEnd(night, china('2026-03-04T23:30:00'))).toBe(china('2026-03-05T07:00:00'));
    expect(quietHoursEnd(night, china('2026-03-05T01:00:00'))).toBe(china('2026-03-05T07:00:00'));
    expect(quietHoursEnd(night, china('2026-03-05T12:00:00'))).toBe(china('2026-03-05T12:00:00'));
    const lunch = quietHoursSchema.parse('12:00–13:30')!;
    expect(inQuietHours(lunch, china('2026-03-05T12:45:00'))).toBe(true);
    expect(quietHoursEnd(lunch, china('2026-03-05T12:45:00'))).toBe(china('2026-03-05T13:30:00'));
    expect(quietHoursSchema.parse('')).toBeNull();
    expect(quietHoursSchema.safeParse('07:00-07:00').success).toBe(false);
  });

  it('daily quotas restart at 00:00 China time', () => {
    expect(nextChinaMidnight(china('2026-03-04T23:59:00'))).toBe(china('2026-03-05T00:00:00'));
    expect(nextChinaMidnight(china('2026-03-05T00:00:00'))).toBe(china('2026-03-06T00:00:00'));
    expect(nextChinaMidnight(china('2026-03-05T07:30:00'))).toBe(china('2026-03-06T00:00:00'));
  });

  it('backoff doubles per failure, is capped, and is jittered between half and all of it', () => {
    const o = (random: number) => ({ baseMs: 1000, maxMs: 10_000, random: () => random });
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, o(1)))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(retryDelay(3, o(0))).toBe(2000);
    expect(retryDelay(3, o(0.5))).toBe(3000);
  });

  it('client_msg_id: fixed per push, WeChat-safe, different per push', () => {
    const a = clientMsgIdFor('status:12:oAbC-dEf_123');
    expect(a).toBe(clientMsgIdFor('status:12:oAbC-dEf_123'));
    expect(a).toMatch(/^[\w.:-]{1,64}$/);
    expect(clientMsgIdFor('status:13:oAbC-dEf_123')).not.toBe(a);
  });
});

describe('classifySendError', () => {
  const api = (code: number) => new WechatApiError('message/template/send', code, 'x');
  it.each([
    [api(43004), 'unreachable'],
    [api(40003), 'unreachable'],
    [api(43019), 'unreachable'],
    [api(45009), 'daily_quota'],
    [api(40037), 'refused'],
    [api(47003), 'refused'],
    [api(-1), 'transient'],
    [api(40001), 'transient'],
    [new WechatTransportError('x', 'timeout', true, 'slow'), 'transient'],
    [new AccessTokenError('ip_not_whitelisted'), 'transient'],
    [new TemplateFieldError('thing1', 'too_long', 'x'), 'refused'],
    [new WindowClosedError('o', 'window_closed'), 'window_closed'],
    [new MaybeSentError('message/custom/send', 'o', api(-1)), 'maybe_sent'],
  ])('%s → %s', (e, kind) => {
    expect(classifySendError(e).kind).toBe(kind);
  });

  it('-1 and timeouts may have been delivered; token errors and refused connections were not', () => {
    expect(classifySendError(api(-1))).toMatchObject({ maybeDelivered: true });
    expect(classifySendError(api(42001))).toMatchObject({ maybeDelivered: false });
    expect(classifySendError(new WechatTransportError('x', 'network', false, 'ECONNREFUSED'))).toMatchObject({ maybeDelivered: false });
  });
});
