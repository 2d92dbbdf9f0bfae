import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { stripInvisible } from './text.js';
import { readYamlFile } from '../config/yaml-file.js';

/**
 * 公开文字: a report's words reach the public pages only as a staff member approved them. What
 * staff start from is proposed here: the resident's description with what identifies a person
 * masked by rule: names after 我是/我叫/我姓…, a surname before 阿姨/先生…, a name after a flat
 * (3栋502的张桂兰, 3栋502张桂兰), room numbers (3栋502 → 3栋***, 502室), mobile and landline numbers, 18-digit ID
 * numbers and number plates (粤B12345 → 粤B*****). A rule misses what it cannot know (a name with
 * no cue), which is why a person approves, and tests/public/public-text-set.yaml measures it.
 */

const listOrChars = z.union([z.array(z.string().min(1)).min(1), z.string().min(1).transform((s) => Array.from(s))]);
const vocabularySchema = z.object({
  mask: z.string().length(1),
  nameCues: z.array(z.string().min(1)).min(1),
  notNames: z.array(z.string().min(1)),
  nameStops: listOrChars,
  surnames: listOrChars,
  honorifics: z.array(z.string().min(1)).min(1),
  buildingUnits: z.array(z.string().min(1)).min(1),
  roomUnits: z.array(z.string().min(1)).min(1),
  laneUnits: z.array(z.string().min(1)).min(1),
  plateProvinces: listOrChars,
});
export type PrivacyVocabulary = z.infer<typeof vocabularySchema>;

export const privacyFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/privacy.yaml');

export function loadPrivacyVocabulary(file = privacyFile): PrivacyVocabulary {
  return readYamlFile(file, vocabularySchema);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(esc).join('|');
const cls = (chars: readonly string[]) => `[${chars.map(esc).join('')}]`;
const HAN = '\\p{Script=Han}';
/** a cue that ends in the character for "surname": what follows may be one character */
const SURNAME_CUE = /\u59d3$/u;
/** the possessive particle between a flat and a name (3栋502 DE 张桂兰) */
const DE = '\u7684';
/** the character for "number" after a house number (8号) */
const HAO = '\u53f7';

/** a masker built once from the vocabulary */
export function createMasker(v: PrivacyVocabulary): (text: string) => string {
  const m = v.mask;
  const stars = (s: string) => m.repeat(Array.from(s).length);
  const digitsOut = (s: string) => s.replace(/[0-9A-Za-z]/g, m);
  const stops = new Set(v.nameStops);
  const surnames = cls(v.surnames);
  const units = alt(v.buildingUnits);
  const rooms = alt(v.roomUnits);

  const rules: [RegExp, (match: string, ...groups: string[]) => string][] = [
    // 18-digit ID numbers (the last may be X), before anything reads part of them as a phone
    [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, stars],
    // mobile numbers, also typed in groups (138 1234 5678, 138-1234-5678, +86 138…)
    [/(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g, digitsOut],
    // landlines with their area code (0755-12345678, 0755 1234 5678, (0755)12345678)
    [/(?<!\d)[(（]?0\d{2,3}[)）]?[ -]?\d{3,4}[ -]?\d{4}(?!\d)/g, digitsOut],
    // number plates: province, a letter, an optional dot, 5 or 6 letters and digits
    [new RegExp(`(${cls(v.plateProvinces)}[A-Z])([·•.\\s]?)([A-Z0-9]{5,6})(?![A-Za-z0-9])`, 'gu'), (_x, head, dot, tail) => `${head}${dot}${stars(tail)}`],
    // a room after a building (3栋502, 5号楼2单元301, A座1203, 3-502 is below)
    [new RegExp(`((?:${units}))([ -]?)(\\d{2,4})(?!\\d)(${rooms})?`, 'gu'), (_x, unit, sep, room, after) => `${unit}${sep}${stars(room)}${after ?? ''}`],
    // a house in a lane (5巷8号)
    [new RegExp(`(${alt(v.laneUnits)})(\\d{1,4})(?=${esc(HAO)})`, 'gu'), (_x, lane, n) => `${lane}${stars(n)}`],
    // a room after a street number (中山南街12号502): 号 then three or four digits is a flat
    [new RegExp(`(${esc(HAO)})(\\d{3,4})(?!\\d)`, 'gu'), (_x, hao, room) => `${hao}${stars(room)}`],
    // a room on its own (502室, 1203房), and building-room written with a dash (3-502)
    [new RegExp(`(?<!\\d)(\\d{3,4})(${rooms})`, 'gu'), (_x, room, unit) => `${stars(room)}${unit}`],
    [/(?<![\d-])(\d{1,2})-(\d{3,4})(?![\d-])/g, (_x, b, room) => `${b}-${stars(room)}`],
    // a surname before an honorific: 张阿姨, 王先生
    [new RegExp(`(?<!${HAN})(${surnames})(?=${alt(v.honorifics)})`, 'gu'), stars],
  ];

  /** 我是张桂兰, 我叫李明住在…, 3栋502的张桂兰: the name (up to 3 characters before a stop) masked */
  const cue = new RegExp(`(${alt(v.nameCues)})`, 'gu');
  // 3栋502的张桂兰, and 3栋502张桂兰 with no 的 once the room is masked (a masked room then a surname)
  const afterFlat = new RegExp(`((?:[0-9${esc(m)}](?:${rooms})?${DE})|(?:${esc(m)}(?:${rooms})?))(${surnames})`, 'gu');
  function names(text: string): string {
    const takeName = (from: number, min: number): [number, number] | undefined => {
      const chars = Array.from(text.slice(from));
      let n = 0;
      while (n < chars.length && n < 3 && /\p{Script=Han}/u.test(chars[n]!) && !stops.has(chars[n]!)) n++;
      if (n < min) return undefined;
      const name = chars.slice(0, n).join('');
      if (v.notNames.some((w) => name.startsWith(w))) return undefined;
      return [from, from + name.length];
    };
    const spans: [number, number][] = [];
    for (const x of text.matchAll(cue)) {
      const start = x.index + x[0].length;
      // after 我姓 a surname alone is a name
      const span = takeName(start, SURNAME_CUE.test(x[0]) ? 1 : 2);
      if (span) spans.push(span);
    }
    for (const x of text.matchAll(afterFlat)) {
      const span = takeName(x.index + x[1]!.length, 2);
      if (span) spans.push(span);
    }
    let out = text;
    for (const [a, b] of spans.sort((p, q) => q[0] - p[0])) out = out.slice(0, a) + stars(out.slice(a, b)) + out.slice(b);
    return out;
  }

  return (text: string) => {
    let out = stripInvisible(text);
    for (const [re, f] of rules) out = out.replace(re, f as (s: string, ...g: string[]) => string);
    return names(out);
  };
}

let masker: ((text: string) => string) | undefined;

/** the public text proposed to staff for a resident's description: private details masked by rule */
export function proposePublicText(description: string): string {
  masker ??= createMasker(loadPrivacyVocabulary());
  return masker(description).trim();
}
