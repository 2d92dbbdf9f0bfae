/** Small text helpers for what residents read: excerpts and masking. */

/** at most `max` characters (code points), with … when cut; newlines folded to spaces */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** mainland mobile numbers typed into a description are shown as 138****1234 on public pages */
export function maskPhones(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3');
}
