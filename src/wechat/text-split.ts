/**
 * WeChat silently drops a text over 2048 UTF-8 bytes (about 680 汉字), so a long answer goes out
 * as several messages. The cut never falls inside a code point, nor inside a grapheme (an emoji
 * with skin tone or ZWJ family, a flag, a letter with combining marks) unless that grapheme alone
 * is over the limit. Within the last quarter of a part the cut moves back to where a reader
 * expects a pause: after a line break, else after the end of a sentence, else after a comma or
 * a space.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Share of maxBytes a part keeps at least when the cut moves back to a nicer place. */
const MIN_FILL = 0.75;

const CJK_ENDERS = new Set(['。', '！', '？', '；', '…']);
const ASCII_ENDERS = new Set(['.', '!', '?', ';']);
/** closing quotes and brackets that belong to the sentence before them: 他说：“好。”|下一句 */
const CLOSERS = new Set(['”', '’', '」', '』', '）', '》', '】', ')', ']', '"', "'"]);
const CLAUSE = new Set(['，', '、', '：', ',', ':', ' ', '\t']);

const NEWLINE = 1;
const SENTENCE = 2;
const CLAUSE_BREAK = 3;

export function splitText(text: string, maxBytes = 2048): string[] {
  // 4 bytes is the longest UTF-8 code point: any smaller limit cannot always be met
  if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError('maxBytes must be an integer of at least 4');
  if (text === '') return [];
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return [text];

  const units = toUnits(text, maxBytes);
  const offset = [0];
  for (const u of units) offset.push(offset[offset.length - 1]! + Buffer.byteLength(u, 'utf8'));
  const minBytes = Math.ceil(maxBytes * MIN_FILL);

  const parts: string[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start;
    while (end < units.length && offset[end + 1]! - offset[start]! <= maxBytes) end++;
    if (end < units.length) end = niceCut(units, offset, start, end, minBytes);
    parts.push(units.slice(start, end).join(''));
    start = end;
  }
  return parts;
}

/**
 * Graphemes, except that a grapheme longer than maxBytes (only possible with absurd runs of
 * combining marks or joiners) is broken into its code points, each at most 4 bytes.
 */
function toUnits(text: string, maxBytes: number): string[] {
  const units: string[] = [];
  for (const segment of graphemes(text)) {
    if (Buffer.byteLength(segment, 'utf8') <= maxBytes) units.push(segment);
    else units.push(...Array.from(segment));
  }
  return units;
}

const WINDOW = 128;

/**
 * Graphemes of a long text, segmented a window at a time. Node 20's segment iterator copies the
 * whole input into every segment it yields (quadratic: 100 000 characters took minutes), so the
 * text is fed in short windows. Each window's last grapheme may run on past the window, so it
 * is segmented again as the start of the next; every other boundary is exact, because a grapheme
 * break rule looks at only one code point after the boundary (hence no window ends inside a
 * surrogate pair). A window holding a single grapheme that may continue is widened until the
 * grapheme ends.
 */
function* graphemes(text: string): Generator<string> {
  let pos = 0;
  let width = WINDOW;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + width);
    // a window must not end between the halves of a surrogate pair: the half would look like a
    // character of its own and end the grapheme before it early
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const segments = Array.from(segmenter.segment(text.slice(pos, end)), (s) => s.segment);
    if (end < text.length) {
      if (segments.length < 2) {
        width *= 2;
        continue;
      }
      segments.pop();
    }
    for (const s of segments) {
      pos += s.length;
      yield s;
    }
    width = WINDOW;
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** The best cut in [start+…, end]: the latest one of the best tier that keeps the part ≥ minBytes. */
function niceCut(units: string[], offset: number[], start: number, end: number, minBytes: number): number {
  let best = end;
  let bestTier = Number.POSITIVE_INFINITY;
  for (let k = end; k > start && offset[k]! - offset[start]! >= minBytes; k--) {
    const tier = breakTier(units, start, k);
    if (tier < bestTier) {
      best = k;
      bestTier = tier;
      if (tier === NEWLINE) break;
    }
  }
  return best;
}

/** How good a cut before units[k] is (lower is better), or Infinity when it is no natural pause. */
function breakTier(units: string[], start: number, k: number): number {
  const prev = units[k - 1]!;
  const next = units[k];
  if (prev.includes('\n') || prev === '\r') return NEWLINE;
  // after a CJK sentence end and any closing quotes, unless more of them follow (“……” or ！”)
  if (next === undefined || (!CLOSERS.has(next) && !CJK_ENDERS.has(next))) {
    let j = k - 1;
    while (j > start && CLOSERS.has(units[j]!)) j--;
    if (CJK_ENDERS.has(units[j]!)) return SENTENCE;
  }
  // after the space that follows an ASCII sentence end, so "3.5" and "example.com" stay whole
  if (prev === ' ' && k - 2 >= start) {
    let j = k - 2;
    while (j > start && CLOSERS.has(units[j]!)) j--;
    if (ASCII_ENDERS.has(units[j]!)) return SENTENCE;
  }
  if (CLAUSE.has(prev)) return CLAUSE_BREAK;
  return Number.POSITIVE_INFINITY;
}
