import { randomBytes } from 'node:crypto';
import type { FakeAnswer } from './answer.js';

const LIFETIME_MS = 7200_000;
/** stable_token hands out a new token this long before the current one expires */
const EARLY_ROTATION_MS = 5 * 60_000;
/** /cgi-bin/token: the previous token stays valid this long after a new one is issued */
const OVERLAP_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

interface TokenState {
  expiresAt: number;
  revoked: boolean;
}

/**
 * Access tokens as WeChat issues them: stable_token returns the same token while it is valid and
 * rotates 5 minutes early; force_refresh rotates at once (the old token dies), at most once per
 * 30 s and 20 times a day; /cgi-bin/token issues a fresh token each call.
 */
export class FakeTokens {
  /** every token issued, oldest first */
  readonly issued: string[] = [];
  private readonly tokens = new Map<string, TokenState>();
  private stableCurrent: string | undefined;
  private basicCurrent: string | undefined;
  private forceLog: number[] = [];

  constructor(
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly now: () => number,
  ) {}

  private issue(): string {
    const token = `fake_${randomBytes(48).toString('hex')}`;
    this.tokens.set(token, { expiresAt: this.now() + LIFETIME_MS, revoked: false });
    this.issued.push(token);
    return token;
  }

  private credentials(appid: unknown, secret: unknown): FakeAnswer | null {
    if (appid !== this.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (secret !== this.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    return null;
  }

  private answer(token: string): FakeAnswer {
    const left = this.tokens.get(token)!.expiresAt - this.now();
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: Math.max(1, Math.floor(left / 1000)) };
  }

  stable(body: Record<string, unknown>): FakeAnswer {
    if (body.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const bad = this.credentials(body.appid, body.secret);
    if (bad) return bad;
    const t = this.now();
    if (body.force_refresh === true) {
      this.forceLog = this.forceLog.filter((at) => at > t - DAY_MS);
      const last = this.forceLog[this.forceLog.length - 1];
      if (last !== undefined && t - last < 30_000) return { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' };
      if (this.forceLog.length >= 20) return { errcode: 45009, errmsg: 'reach max api daily quota limit' };
      this.forceLog.push(t);
      if (this.stableCurrent) this.revoke(this.stableCurrent);
      this.stableCurrent = this.issue();
      return this.answer(this.stableCurrent);
    }
    const cur = this.stableCurrent ? this.tokens.get(this.stableCurrent) : undefined;
    if (!cur || cur.revoked || cur.expiresAt - EARLY_ROTATION_MS <= t) this.stableCurrent = this.issue();
    return this.answer(this.stableCurrent!);
  }

  basic(query: URLSearchParams): FakeAnswer {
    if (query.get('grant_type') !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const bad = this.credentials(query.get('appid'), query.get('secret'));
    if (bad) return bad;
    if (this.basicCurrent) {
      const prev = this.tokens.get(this.basicCurrent)!;
      prev.expiresAt = Math.min(prev.expiresAt, this.now() + OVERLAP_MS);
    }
    this.basicCurrent = this.issue();
    return this.answer(this.basicCurrent);
  }

  /** null when the token may call the API, else WeChat's error */
  check(token: string | null): FakeAnswer | null {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const s = this.tokens.get(token);
    if (!s || s.revoked) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken' };
    }
    if (s.expiresAt <= this.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  }

  /** make a token invalid (as if another system had force-refreshed) */
  revoke(token: string): void {
    const s = this.tokens.get(token);
    if (s) s.revoked = true;
    if (token === this.stableCurrent) this.stableCurrent = undefined;
  }
}
