import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { cdata, parseWechatBody, parseWechatXml, XmlError } from '../../src/wechat/xml.js';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}.xml`, import.meta.url), 'utf8');
const wrap = (inner: string) => `<xml>${inner}</xml>`;

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmlError) return e.reason;
    throw e;
  }
  return undefined;
}

describe('parseWechatXml', () => {
  it('returns the children of <xml> as strings', () => {
    expect(parseWechatXml(sample('text'))).toEqual({
      ToUserName: 'gh_3a2b1c0d9e8f',
      FromUserName: 'oH7Xw5Ao1n2b3c4d5e6f7g8h9i0j',
      CreateTime: '1714112445',
      MsgType: 'text',
      Content: '小区3栋门口的路灯坏了，晚上很黑。',
      MsgId: '24568712340123456',
    });
  });

  it('never coerces a value to a number', () => {
    const x = parseWechatXml(
      wrap(
        '<MsgId>7250021412600020992</MsgId><A><![CDATA[007]]></A><B>1e5</B><C>0x1A</C><D><![CDATA[13800138000]]></D><E>true</E><F>-0</F><G> 12 </G>',
      ),
    );
    expect(x).toEqual({ MsgId: '7250021412600020992', A: '007', B: '1e5', C: '0x1A', D: '13800138000', E: 'true', F: '-0', G: '12' });
  });

  it('keeps CDATA content exactly, including leading and trailing whitespace and line breaks', () => {
    const x = parseWechatXml(wrap('\n  <Content><![CDATA[  两行\n  文字 \n]]></Content>\n  <Label>  outside CDATA  </Label>\n'));
    expect(x.Content).toBe('  两行\n  文字 \n');
    expect(x.Label).toBe('outside CDATA');
  });

  it('reads empty elements as empty strings', () => {
    expect(parseWechatXml(wrap('<A></A><B/><C><![CDATA[]]></C><D>   </D>'))).toEqual({ A: '', B: '', C: '', D: '' });
  });

  it('returns {} for an empty <xml> root', () => {
    expect(parseWechatXml('<xml></xml>')).toEqual({});
    expect(parseWechatXml('<xml/>')).toEqual({});
  });

  it('accepts an XML declaration, comments and a byte-order mark', () => {
    expect(parseWechatXml('\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- hi --><xml><A>1</A><!-- x --></xml>')).toEqual({ A: '1' });
  });

  it('ignores attributes', () => {
    expect(parseWechatXml('<xml id="1"><A lang="zh">x</A></xml>')).toEqual({ A: 'x' });
  });

  it('makes item an array whether one or several arrive', () => {
    const one = parseWechatXml(wrap('<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[a]]></PicMd5Sum></item></PicList></SendPicsInfo>'));
    expect(one.SendPicsInfo).toEqual({ Count: '1', PicList: { item: [{ PicMd5Sum: 'a' }] } });
    const two = parseWechatXml(wrap('<Articles><item><Title>a</Title></item><item><Title>b</Title></item></Articles>'));
    expect(two.Articles).toEqual({ item: [{ Title: 'a' }, { Title: 'b' }] });
  });

  it('turns a repeated non-item element into an array (left for the schema to refuse)', () => {
    expect(parseWechatXml(wrap('<A>1</A><A>2</A>')).A).toEqual(['1', '2']);
  });

  it('decodes the predefined entities and character references, nothing else', () => {
    const x = parseWechatXml(wrap('<A>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</A><B>&#20013;&#x6587;&#x1F600;</B><C>&nbsp;&copy;&#0;&#xD800;</C><D>&amp;lt;</D>'));
    expect(x).toEqual({ A: `a & b <c> "d" 'e'`, B: '中文😀', C: '&nbsp;&copy;&#0;&#xD800;', D: '&lt;' });
  });

  it('leaves entity-looking text inside CDATA alone', () => {
    expect(parseWechatXml(wrap('<A><![CDATA[&amp; &#20013; <b>]]></A>')).A).toBe('&amp; &#20013; <b>');
  });

  describe('refuses DTDs (reason doctype)', () => {
    const attacks = {
      'external entity (XXE)': '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>',
      'billion laughs': '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><A>&lol2;</A></xml>',
      'lower-case doctype': '<!doctype xml><xml><A>1</A></xml>',
      'mixed case': '<!DocType xml><xml><A>1</A></xml>',
      'bare ENTITY': '<xml><!ENTITY a "b"><A>1</A></xml>',
      'lower-case entity': '<xml><!entity a "b"><A>1</A></xml>',
      'hidden behind a comment that looks like CDATA': '<!--<![CDATA[--><!DOCTYPE x [<!ENTITY a "b">]><!--]]>--><xml><A>&a;</A></xml>',
      'unterminated CDATA': '<xml><A><![CDATA[<!DOCTYPE x></A></xml>',
      'many unterminated CDATA and comment openers': '<![CDATA[<!--'.repeat(2000) + '<!DOCTYPE x><xml/>',
      'after a closed comment and CDATA': '<!-- a --><xml><A><![CDATA[b]]></A></xml><!DOCTYPE x>',
    };
    it.each(Object.entries(attacks))('%s', (_name, body) => {
      expect(reasonOf(() => parseWechatXml(body))).toBe('doctype');
    });

    it('but accepts a resident who typed <!DOCTYPE html> (it arrives inside CDATA)', () => {
      expect(parseWechatXml(wrap('<Content><![CDATA[<!DOCTYPE html><!ENTITY x>]]></Content>')).Content).toBe('<!DOCTYPE html><!ENTITY x>');
    });
  });

  describe('refuses what is not a WeChat message (reason malformed)', () => {
    const bodies = {
      empty: '',
      whitespace: '   ',
      'plain text': 'hello',
      'unclosed root': '<xml><A>1</A>',
      'mismatched tags': '<xml><A>1</B></xml>',
      'bare ampersand': '<xml><A>a & b</A></xml>',
      'two roots': '<xml><A>1</A></xml><xml><A>2</A></xml>',
      'another root': '<root><A>1</A></root>',
      'text-only root': '<xml>hello</xml>',
      'a __proto__ element': '<xml><__proto__><A>1</A></__proto__></xml>',
      'a constructor element': '<xml><constructor>1</constructor></xml>',
      'JSON-looking but not JSON': '[1,2]',
    };
    it.each(Object.entries(bodies))('%s', (_name, body) => {
      expect(reasonOf(() => parseWechatXml(body))).toBe('malformed');
    });
  });

  it('throws an AppError that answers 400', () => {
    try {
      parseWechatXml('<!DOCTYPE x><xml/>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).code).toBe('bad_request');
    }
  });
});

describe('parseWechatBody', () => {
  it('parses XML when the body does not start with {', () => {
    expect(parseWechatBody(sample('text')).MsgType).toBe('text');
  });

  it('parses WeChat JSON with every scalar as a string and 64-bit ids exact', () => {
    const body = ` {"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1714112445,"MsgType":"text","Content":"007","MsgId":7250021412600020992,"Lat":-23.5,"E":1e5,"Flag":true,"Nothing":null}`;
    expect(parseWechatBody(body)).toEqual({
      ToUserName: 'gh_1',
      FromUserName: 'o1',
      CreateTime: '1714112445',
      MsgType: 'text',
      Content: '007',
      MsgId: '7250021412600020992',
      Lat: '-23.5',
      E: '1e5',
      Flag: 'true',
    });
  });

  it('leaves digits and escapes inside JSON strings alone', () => {
    expect(parseWechatBody('{"Content":"a \\"1\\" 2\\\\","B":"3.0"}')).toEqual({ Content: 'a "1" 2\\', B: '3.0' });
  });

  it('makes a JSON item an array, like the XML path', () => {
    const body = '{"SendPicsInfo":{"Count":1,"PicList":{"item":{"PicMd5Sum":"a"}}},"List":{"item":[{"X":1},{"X":2}]}}';
    expect(parseWechatBody(body)).toEqual({
      SendPicsInfo: { Count: '1', PicList: { item: [{ PicMd5Sum: 'a' }] } },
      List: { item: [{ X: '1' }, { X: '2' }] },
    });
  });

  it.each([
    ['broken JSON', '{"a":'],
    ['trailing garbage', '{"a":1} x'],
    ['a forbidden key', '{"__proto__":{"x":1}}'],
    ['a nested forbidden key', '{"a":{"constructor":"x"}}'],
  ])('refuses %s as malformed', (_name, body) => {
    expect(reasonOf(() => parseWechatBody(body))).toBe('malformed');
  });
});

describe('cdata', () => {
  it('wraps plain text', () => {
    expect(cdata('你好')).toBe('<![CDATA[你好]]>');
    expect(cdata('')).toBe('<![CDATA[]]>');
  });

  it('splits ]]> across two sections', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(cdata(']]>]]>')).toBe('<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>');
  });

  it('round-trips any text through the parser', () => {
    const xmlChar = fc.oneof(
      fc.constantFrom(']', ']]>', '>', '<', '&', '&amp;', ' ', '\n', '\t', 'CDATA', '<![CDATA[', '中', '😀'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(xmlChar, { maxLength: 20 }).map((a) => a.join('')), (s) => {
        expect(parseWechatXml(wrap(`<A>${cdata(s)}</A>`)).A).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});
