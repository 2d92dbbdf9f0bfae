import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { safeEqualHex, sha1Signature } from './signature.js';
import { cdata } from './xml.js';

export type CryptoErrorReason = 'undecryptable' | 'bad_padding' | 'appid_mismatch';

/**
 * A ciphertext that does not open into a message for this account. An AppError, so an uncaught
 * one answers 400; the reason is the stage that failed, for logs and metrics.
 */
export class CryptoError extends AppError {
  declare readonly reason: CryptoErrorReason;
  constructor(reason: CryptoErrorReason, message: string) {
    super('bad_request', message, { reason });
    this.name = 'CryptoError';
  }
}

/** WeChat pads to 32-byte blocks (not AES's 16), so a pad byte is 1..32. */
const BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const aesKeyPattern = /^[A-Za-z0-9]{43}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface WechatCryptoOptions {
  token: string;
  appId: string;
  /** EncodingAESKeys, current first, then the previous one during a rotation */
  aesKeys: string[];
}

/**
 * Safe-mode (AES) crypto of the official-account push, as WeChat specifies it:
 * AES-256-CBC, key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, plaintext =
 * random(16) ‖ uint32be(length) ‖ xml ‖ appId, PKCS#7-padded to 32 bytes; msg_signature =
 * sha1(sort([token, timestamp, nonce, Encrypt])). Pure: the only input it does not take as an
 * argument is the 16 random bytes of encrypt(), and those can be injected.
 */
export class WechatCrypto {
  private readonly token: string;
  private readonly appId: Buffer;
  private readonly keys: Buffer[];

  constructor(opts: WechatCryptoOptions) {
    if (opts.aesKeys.length === 0) throw new Error('WechatCrypto needs at least one EncodingAESKey');
    for (const k of opts.aesKeys) {
      if (!aesKeyPattern.test(k)) throw new Error('an EncodingAESKey is 43 letters and digits');
    }
    if (!opts.appId) throw new Error('WechatCrypto needs the AppID');
    this.token = opts.token;
    this.appId = Buffer.from(opts.appId, 'utf8');
    this.keys = opts.aesKeys.map((k) => Buffer.from(k + '=', 'base64'));
  }

  msgSignature(timestamp: string, nonce: string, encrypt: string): string {
    return sha1Signature(this.token, timestamp, nonce, encrypt);
  }

  /** Constant-time check of msg_signature; call it before decrypt. */
  verifyMsgSignature(signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    return safeEqualHex(this.msgSignature(timestamp, nonce, encrypt), signature);
  }

  /**
   * Opens an Encrypt value with each key in turn (current first). `keyIndex` tells which key
   * worked, so the reply goes out under the same key during a rotation. When no key works, the
   * error carries the furthest stage any key reached: a message for another AppID under our key
   * is appid_mismatch, not the bad_padding the other key produced.
   */
  decrypt(encrypt: string): { xml: string; keyIndex: number } {
    const data = encrypt.trim();
    if (!base64Pattern.test(data)) throw new CryptoError('undecryptable', 'Encrypt is not base64');
    const cipherText = Buffer.from(data, 'base64');
    if (cipherText.length === 0 || cipherText.length % BLOCK !== 0) {
      throw new CryptoError('undecryptable', `ciphertext length ${cipherText.length} is not a multiple of ${BLOCK}`);
    }
    let worst: CryptoError | undefined;
    for (const [keyIndex, key] of this.keys.entries()) {
      const r = this.open(cipherText, key);
      if (typeof r === 'string') return { xml: r, keyIndex };
      if (!worst || stage[r.reason] > stage[worst.reason]) worst = r;
    }
    throw worst!;
  }

  /** Base64 ciphertext of an XML message. `random` exists for known-answer tests. */
  encrypt(xml: string, opts: { keyIndex?: number; random?: Buffer } = {}): string {
    const key = this.key(opts.keyIndex ?? 0);
    const random = opts.random ?? randomBytes(RANDOM_BYTES);
    if (random.length !== RANDOM_BYTES) throw new RangeError(`random must be ${RANDOM_BYTES} bytes`);
    const body = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length);
    const plain = pad(Buffer.concat([random, length, body, this.appId]));
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** The encrypted passive reply: <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>. */
  encryptedReply(xml: string, opts: { timestamp: string; nonce: string; keyIndex?: number; random?: Buffer }): string {
    // the timestamp goes into the envelope without CDATA, so it must be digits only
    if (!/^\d{1,12}$/.test(opts.timestamp)) throw new RangeError('timestamp must be decimal seconds');
    const encrypt = this.encrypt(xml, { keyIndex: opts.keyIndex ?? 0, ...(opts.random ? { random: opts.random } : {}) });
    const signature = this.msgSignature(opts.timestamp, opts.nonce, encrypt);
    return (
      `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>` +
      `<TimeStamp>${opts.timestamp}</TimeStamp><Nonce>${cdata(opts.nonce)}</Nonce></xml>`
    );
  }

  private key(index: number): Buffer {
    const key = this.keys[index];
    if (!key) throw new RangeError(`no EncodingAESKey at index ${index}`);
    return key;
  }

  /** One key's attempt: the XML, or the error of the stage that failed. */
  private open(cipherText: Buffer, key: Buffer): string | CryptoError {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
    const padLength = plain[plain.length - 1]!;
    if (padLength < 1 || padLength > BLOCK || !plain.subarray(plain.length - padLength).every((b) => b === padLength)) {
      return new CryptoError('bad_padding', 'invalid PKCS#7 padding (wrong key or corrupted ciphertext)');
    }
    const content = plain.subarray(RANDOM_BYTES, plain.length - padLength);
    if (content.length < LENGTH_BYTES) return new CryptoError('bad_padding', 'plaintext too short for its length field');
    const xmlLength = content.readUInt32BE(0);
    if (xmlLength > content.length - LENGTH_BYTES) return new CryptoError('bad_padding', 'length field exceeds the plaintext');
    const xmlBytes = content.subarray(LENGTH_BYTES, LENGTH_BYTES + xmlLength);
    const appId = content.subarray(LENGTH_BYTES + xmlLength);
    if (!appId.equals(this.appId)) return new CryptoError('appid_mismatch', 'the message is for another AppID');
    try {
      return utf8.decode(xmlBytes);
    } catch {
      return new CryptoError('undecryptable', 'the decrypted message is not UTF-8');
    }
  }
}

/** How far an attempt got; decrypt reports the furthest. */
const stage: Record<CryptoErrorReason, number> = { bad_padding: 1, appid_mismatch: 2, undecryptable: 3 };

function pad(buf: Buffer): Buffer {
  const n = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}
