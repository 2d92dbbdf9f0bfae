import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoError, WechatCrypto } from '../../src/wechat/crypto.js';
import { parseWechatXml } from '../../src/wechat/xml.js';

/**
 * Known-answer vectors from wechatpy/wechatpy tests/test_crypto.py (reference b.4). The vectors come
 * from WeCom's test class; the algorithm is the same with the AppID as the trailing id.
 */
const KAT = {
  token: '123456',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  appId: 'wx49f0ab532d5d035a',
  random: Buffer.from('1234567890123456'),
  nonce: '461056294',
  timestamp: '1411525903',
  reply:
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n' +
    '<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
  replyEncrypt:
    '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
  replySignature: '407518b7649e86ef23978113f92d27afa9296533',
  inboundEncrypt:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
  inboundSignature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
};

const OTHER_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const kat = new WechatCrypto({ token: KAT.token, appId: KAT.appId, aesKeys: [KAT.aesKey] });

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CryptoError) return e.reason;
    throw e;
  }
  return undefined;
}

describe('WechatCrypto known answers (wechatpy)', () => {
  it('encrypts the reply byte for byte with the fixed random', () => {
    expect(kat.encrypt(KAT.reply, { random: KAT.random })).toBe(KAT.replyEncrypt);
  });

  it('signs the encrypted reply', () => {
    expect(kat.msgSignature(KAT.timestamp, KAT.nonce, KAT.replyEncrypt)).toBe(KAT.replySignature);
  });

  it('builds the encrypted reply envelope', () => {
    const env = kat.encryptedReply(KAT.reply, { timestamp: KAT.timestamp, nonce: KAT.nonce, random: KAT.random });
    expect(env).toBe(
      `<xml><Encrypt><![CDATA[${KAT.replyEncrypt}]]></Encrypt><MsgSignature><![CDATA[${KAT.replySignature}]]></MsgSignature>` +
        `<TimeStamp>${KAT.timestamp}</TimeStamp><Nonce><![CDATA[${KAT.nonce}]]></Nonce></xml>`,
    );
    expect(parseWechatXml(env)).toEqual({ Encrypt: KAT.replyEncrypt, MsgSignature: KAT.replySignature, TimeStamp: KAT.timestamp, Nonce: KAT.nonce });
  });

  it('verifies the inbound msg_signature and decrypts the inbound message', () => {
    expect(kat.verifyMsgSignature(KAT.inboundSignature, KAT.timestamp, KAT.nonce, KAT.inboundEncrypt)).toBe(true);
    const { xml, keyIndex } = kat.decrypt(KAT.inboundEncrypt);
    expect(keyIndex).toBe(0);
    expect(parseWechatXml(xml)).toMatchObject({ Content: 'test', FromUserName: 'messense' });
  });

  it('decrypts its own known-answer reply back to the original', () => {
    expect(kat.decrypt(KAT.replyEncrypt)).toEqual({ xml: KAT.reply, keyIndex: 0 });
  });
});

describe('verifyMsgSignature', () => {
  it('rejects a wrong signature, timestamp, nonce or ciphertext', () => {
    const { inboundSignature: sig, timestamp: ts, nonce, inboundEncrypt: enc } = KAT;
    expect(kat.verifyMsgSignature(sig.replace(/^7/, '8'), ts, nonce, enc)).toBe(false);
    expect(kat.verifyMsgSignature(sig, '1411525904', nonce, enc)).toBe(false);
    expect(kat.verifyMsgSignature(sig, ts, '461056295', enc)).toBe(false);
    expect(kat.verifyMsgSignature(sig, ts, nonce, enc.replace('Rgq', 'Rgr'))).toBe(false);
    expect(kat.verifyMsgSignature('', ts, nonce, enc)).toBe(false);
    expect(kat.verifyMsgSignature(sig.slice(1), ts, nonce, enc)).toBe(false);
  });

  it('is the plain signature with the ciphertext as a fourth part (not the plain signature)', () => {
    const withoutEncrypt = new WechatCrypto({ token: KAT.token, appId: KAT.appId, aesKeys: [KAT.aesKey] }).msgSignature(KAT.timestamp, KAT.nonce, '');
    expect(kat.verifyMsgSignature(withoutEncrypt, KAT.timestamp, KAT.nonce, KAT.inboundEncrypt)).toBe(false);
  });
});

describe('round trips', () => {
  const crypto = new WechatCrypto({ token: 't0k3n', appId: 'wx1234567890abcdef', aesKeys: [KAT.aesKey] });

  it.each([
    ['empty', ''],
    ['ASCII', '<xml><Content><![CDATA[hello]]></Content></xml>'],
    ['Chinese and emoji', '<xml><Content><![CDATA[路灯坏了 💡👨‍👩‍👧]]></Content></xml>'],
    ['exactly aligned', 'x'.repeat(32 * 4 - 16 - 4 - 18)],
    ['long', '长'.repeat(5000)],
  ])('%s', (_name, xml) => {
    const enc = crypto.encrypt(xml);
    expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
    expect(crypto.decrypt(enc)).toEqual({ xml, keyIndex: 0 });
  });

  it('adds a full block of padding when the plaintext is already aligned', () => {
    const xml = 'x'.repeat(32 * 4 - 16 - 4 - 'wx1234567890abcdef'.length);
    expect(Buffer.from(crypto.encrypt(xml), 'base64').length).toBe(32 * 5);
  });

  it('uses fresh random bytes each time', () => {
    expect(crypto.encrypt('<xml/>')).not.toBe(crypto.encrypt('<xml/>'));
  });

  it('refuses a random prefix of the wrong size and an unknown key index', () => {
    expect(() => crypto.encrypt('<xml/>', { random: randomBytes(15) })).toThrow(RangeError);
    expect(() => crypto.encrypt('<xml/>', { keyIndex: 1 })).toThrow(RangeError);
    expect(() => crypto.encryptedReply('<xml/>', { timestamp: '12]]><x>', nonce: 'n' })).toThrow(RangeError);
  });

  it('escapes a nonce that would break out of CDATA', () => {
    const env = crypto.encryptedReply('<xml/>', { timestamp: '1', nonce: 'a]]>b' });
    expect(parseWechatXml(env).Nonce).toBe('a]]>b');
  });
});

describe('key rotation', () => {
  const appId = 'wx1234567890abcdef';
  const previous = new WechatCrypto({ token: 't', appId, aesKeys: [OTHER_KEY] });
  const rotating = new WechatCrypto({ token: 't', appId, aesKeys: [KAT.aesKey, OTHER_KEY] });

  it('decrypts a message under the previous key and says so (keyIndex 1)', () => {
    const enc = previous.encrypt('<xml><A>old</A></xml>');
    expect(rotating.decrypt(enc)).toEqual({ xml: '<xml><A>old</A></xml>', keyIndex: 1 });
  });

  it('decrypts a message under the current key with keyIndex 0', () => {
    const enc = new WechatCrypto({ token: 't', appId, aesKeys: [KAT.aesKey] }).encrypt('<xml/>');
    expect(rotating.decrypt(enc).keyIndex).toBe(0);
  });

  it('replies under the key that decrypted', () => {
    const env = parseWechatXml(rotating.encryptedReply('<xml><A>re</A></xml>', { timestamp: '1700000000', nonce: 'n1', keyIndex: 1 }));
    expect(previous.decrypt(String(env.Encrypt))).toEqual({ xml: '<xml><A>re</A></xml>', keyIndex: 0 });
    expect(previous.verifyMsgSignature(String(env.MsgSignature), '1700000000', 'n1', String(env.Encrypt))).toBe(true);
  });

  it('fails once the previous key is dropped', () => {
    const current = new WechatCrypto({ token: 't', appId, aesKeys: [KAT.aesKey] });
    expect(reasonOf(() => current.decrypt(previous.encrypt('<xml/>')))).toBe('bad_padding');
  });
});

describe('decrypt failures', () => {
  const appId = 'wx1234567890abcdef';
  const ours = new WechatCrypto({ token: 't', appId, aesKeys: [KAT.aesKey] });
  const fixed = { random: Buffer.alloc(16, 7) };

  it('appid_mismatch when the message is for another AppID under our key', () => {
    const enc = new WechatCrypto({ token: 't', appId: 'wxffffffffffffffff', aesKeys: [KAT.aesKey] }).encrypt('<xml/>');
    expect(reasonOf(() => ours.decrypt(enc))).toBe('appid_mismatch');
  });

  it('appid_mismatch wins over the bad_padding of another key', () => {
    const enc = new WechatCrypto({ token: 't', appId: 'wxffffffffffffffff', aesKeys: [KAT.aesKey] }).encrypt('<xml/>');
    const both = new WechatCrypto({ token: 't', appId, aesKeys: [OTHER_KEY, KAT.aesKey] });
    expect(reasonOf(() => both.decrypt(enc))).toBe('appid_mismatch');
  });

  it('appid_mismatch for an AppID that is a prefix or extension of ours', () => {
    for (const other of [appId.slice(0, -1), appId + 'x']) {
      const enc = new WechatCrypto({ token: 't', appId: other, aesKeys: [KAT.aesKey] }).encrypt('<xml/>');
      expect(reasonOf(() => ours.decrypt(enc))).toBe('appid_mismatch');
    }
  });

  it('bad_padding when the last block is tampered with', () => {
    const raw = Buffer.from(ours.encrypt('<xml><A>1</A></xml>', fixed), 'base64');
    raw[raw.length - 1]! ^= 0xff;
    expect(reasonOf(() => ours.decrypt(raw.toString('base64')))).toBe('bad_padding');
  });

  it('refuses ciphertext tampered anywhere (each byte in turn), never returning altered XML silently', () => {
    const xml = '<xml><Content><![CDATA[修好了吗]]></Content></xml>';
    const raw = Buffer.from(ours.encrypt(xml, fixed), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const t = Buffer.from(raw);
      t[i]! ^= 0x01;
      try {
        // CBC has no MAC (msg_signature is the integrity check), so a flip may still "decrypt";
        // it scrambles its own block and flips a bit of the next, so the XML cannot come out intact
        expect(ours.decrypt(t.toString('base64')).xml).not.toBe(xml);
      } catch (e) {
        expect(e).toBeInstanceOf(CryptoError);
      }
    }
  });

  it('undecryptable for bad base64 and impossible lengths', () => {
    const enc = ours.encrypt('<xml/>');
    for (const bad of ['', '!!!!', 'abc', enc.slice(0, -4) + '*AAA', enc + 'A', `${enc}====`, Buffer.alloc(16).toString('base64'), Buffer.alloc(48).toString('base64')]) {
      expect(reasonOf(() => ours.decrypt(bad))).toBe('undecryptable');
    }
  });

  it('undecryptable when a whole block is cut off', () => {
    const raw = Buffer.from(ours.encrypt('<xml>' + 'x'.repeat(100) + '</xml>'), 'base64');
    expect(reasonOf(() => ours.decrypt(raw.subarray(0, raw.length - 16).toString('base64')))).toBe('undecryptable');
  });

  it('is an AppError that answers 400', () => {
    try {
      ours.decrypt('!!');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CryptoError);
      expect((e as CryptoError).status).toBe(400);
    }
  });
});

describe('constructor', () => {
  it.each([
    ['no key', { token: 't', appId: 'wx1', aesKeys: [] }],
    ['a short key', { token: 't', appId: 'wx1', aesKeys: [KAT.aesKey.slice(1)] }],
    ['a key with +', { token: 't', appId: 'wx1', aesKeys: ['+' + KAT.aesKey.slice(1)] }],
    ['an empty previous key', { token: 't', appId: 'wx1', aesKeys: [KAT.aesKey, ''] }],
    ['no AppID', { token: 't', appId: '', aesKeys: [KAT.aesKey] }],
  ])('refuses %s', (_name, opts) => {
    expect(() => new WechatCrypto(opts)).toThrow();
  });
});
