import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { AppError } from '../errors.js';
import { mapStringsDeep, wellFormed } from '../well-formed.js';

export type XmlErrorReason = 'doctype' | 'malformed';

/** A webhook body that is not a WeChat message. An AppError, so it answers 400 if nobody catches it. */
export class XmlError extends AppError {
  declare readonly reason: XmlErrorReason;
  constructor(reason: XmlErrorReason, message: string, cause?: unknown) {
    super('bad_request', message, { reason, cause });
    this.name = 'XmlError';
  }
}

/**
 * Decodes only what XML itself defines: the five predefined entities and numeric character
 * references. DOCTYPE bodies never reach the parser, so there are no declared entities to
 * expand, and HTML names such as &nbsp; stay literal. A reference to a code point XML forbids
 * (NUL, a lone surrogate, beyond U+10FFFF) is kept as written rather than turned into garbage.
 */
const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const entityPattern = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const xmlEntities: EntityDecoderOptions = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text) =>
    text.includes('&')
      ? text.replace(entityPattern, (whole, hex?: string, dec?: string, name?: string) => {
          if (name) return predefined[name]!;
          const cp = hex ? parseInt(hex, 16) : Number(dec);
          const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
          return allowed ? String.fromCodePoint(cp) : whole;
        })
      : text,
};

/**
 * Every leaf stays a string (parseTagValue: false): a 64-bit MsgId stays exact, "007" stays
 * "007", "1e5" stays "1e5"; zod converts the fields that really are numbers. Text outside CDATA
 * is trimmed (it is only the indentation between tags), while CDATA content is kept byte for
 * byte, so a resident's message keeps its own leading spaces and line breaks. `item` (PicList,
 * Articles, subscribe-message List) is always an array, whether one element came or several.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder: xmlEntities,
  isArray: (name) => name === 'item',
});

/**
 * Scans the body the way the parser lexes it: CDATA sections and comments are skipped whole, so
 * a resident who types "<!DOCTYPE html>" (it arrives inside CDATA) is not refused, while a
 * declaration hidden behind a comment that merely looks like a CDATA start is still found. An
 * unterminated section is not skipped (whatever follows is checked). Linear in the body length.
 * The inert entity decoder above is the second line: even a declaration that slipped through
 * would expand nothing.
 */
function hasDeclaration(text: string): boolean {
  if (!/<!(?:DOCTYPE|ENTITY)/i.test(text)) return false;
  const unterminated = new Set<string>();
  const skip = (from: number, open: string, close: string): number | undefined => {
    if (!text.startsWith(open, from) || unterminated.has(close)) return undefined;
    const end = text.indexOf(close, from + open.length);
    if (end === -1) unterminated.add(close);
    return end === -1 ? undefined : end + close.length;
  };
  for (let i = text.indexOf('<!'); i !== -1; i = text.indexOf('<!', i)) {
    const next = skip(i, '<![CDATA[', ']]>') ?? skip(i, '<!--', '-->');
    if (next !== undefined) i = next;
    else if (/^(?:DOCTYPE|ENTITY)/i.test(text.slice(i + 2, i + 9))) return true;
    else i += 2;
  }
  return false;
}

/** The children of the <xml> root, as a plain object of strings, nested objects and `item` arrays. */
export function parseWechatXml(body: string): Record<string, unknown> {
  const text = body.replace(/^\uFEFF/, '');
  // WeChat never sends a DTD; refusing it outright closes XXE and entity-expansion attacks
  if (hasDeclaration(text)) throw new XmlError('doctype', 'DOCTYPE and ENTITY declarations are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError('malformed', `malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (e) {
    // e.g. a tag named __proto__ or constructor, or nesting deeper than the parser allows
    throw new XmlError('malformed', `unparseable XML: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  const roots = doc && typeof doc === 'object' ? Object.keys(doc) : [];
  if (roots.length !== 1 || roots[0] !== 'xml') throw new XmlError('malformed', 'the root element must be the only element and be <xml>');
  const root = (doc as { xml: unknown }).xml;
  if (root === '') return {};
  if (!isPlainObject(root)) throw new XmlError('malformed', '<xml> must contain elements');
  return root;
}

/**
 * A webhook body in either of WeChat's data formats: JSON (a flat object with the XML field
 * names, chosen in the console) when it starts with '{', XML otherwise. Both come out in the same
 * shape: every scalar a string (numbers are quoted before JSON.parse, so a 64-bit MsgId is never
 * rounded), `item` always an array.
 */
export function parseWechatBody(body: string): Record<string, unknown> {
  const trimmed = body.replace(/^\uFEFF/, '').trim();
  return storable(trimmed.startsWith('{') ? parseWechatJson(trimmed) : parseWechatXml(body)) as Record<string, unknown>;
}

/**
 * Every string of a message as PostgreSQL can keep it. A NUL byte (a paste, a broken client; the
 * JSON format sends \u0000 as is) is dropped: PostgreSQL refuses NUL in text, so the whole turn
 * would fail into 系统繁忙. Half of a surrogate pair (a cut emoji; the JSON format sends \ud83d
 * alone as is) becomes U+FFFD: PostgreSQL's jsonb refuses it, and the transcript's lines travel as
 * jsonb, so one such message would have stopped the transcript for everyone. Done here, where
 * every message is parsed: what the resident meant is still all there.
 */
const storable = (value: unknown): unknown => mapStringsDeep(value, (s) => wellFormed(s.includes('\u0000') ? s.replace(/\u0000/g, '') : s));

const dangerousKeys = new Set(['__proto__', 'constructor', 'prototype']);

function parseWechatJson(body: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(quoteNumbers(body));
  } catch (e) {
    throw new XmlError('malformed', `malformed JSON: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  if (!isPlainObject(doc)) throw new XmlError('malformed', 'the JSON body must be an object');
  return normaliseJson(doc) as Record<string, unknown>;
}

/** Same conventions as the XML path: strings only (null dropped), `item` always an array. */
function normaliseJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => normaliseJson(v)).filter((v) => v !== undefined);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (dangerousKeys.has(k)) throw new XmlError('malformed', `forbidden JSON key "${k}"`);
      const n = normaliseJson(v);
      if (n !== undefined) out[k] = k === 'item' && !Array.isArray(n) ? [n] : n;
    }
    return out;
  }
  return value === null ? undefined : String(value);
}

/**
 * Wraps every JSON number literal in quotes, leaving strings untouched, so JSON.parse keeps the
 * digits exactly as sent. Invalid JSON stays invalid and is reported by JSON.parse.
 */
function quoteNumbers(json: string): string {
  let out = '';
  let i = 0;
  while (i < json.length) {
    const c = json[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(json.slice(i, i + 400));
      if (!m) return json;
      out += `"${m[0]}"`;
      i += m[0].length;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A CDATA section holding any string. "]]>" cannot appear inside CDATA, so it is split across two
 * sections (`]]` ends the first, `>` starts the second); a parser joins them back into the original.
 */
export function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
