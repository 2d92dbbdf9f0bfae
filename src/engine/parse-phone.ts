/**
 * Chinese phone numbers as residents type them: 138 1234 5678, +86 13812345678, 0755-12345678,
 * (0755)12345678, a local 8-digit landline. Returns the number normalised (mobile: 11 digits;
 * landline: area code, a dash, the number) or undefined.
 */
export function parsePhone(text: string): string | undefined {
  let t = text.normalize('NFKC').trim().replace(/[\s\-–—()（）.]/g, '');
  t = t.replace(/^(\+?86|0086)(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(t)) return t;
  const area = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/.exec(t);
  if (area) return `${area[1]}-${area[2]}`;
  if (/^[2-9]\d{6,7}$/.test(t)) return t;
  return undefined;
}
