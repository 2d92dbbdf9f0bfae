/**
 * An amount of money as residents type it, in whole yuan: 20000, 2万, 2.5万, 5000元, 5千, 1w,
 * 20,000, 两万, 一万二 (12000), 三千五 (3500), 大概2万左右, 大概两万块吧. Undefined when there is no single
 * amount (a range, words only).
 */
const digit: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** 两万五 → 25000, 一千二百 → 1200, 十五 → 15, 一万二 → 12000 (a trailing digit is one unit below the last). */
export function chineseNumber(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let pending: number | undefined;
  let lastUnit = 1;
  for (const ch of s) {
    if (ch === '零' || ch === '〇') {
      // 一万零五百: the digits after 零 are literal again
      if (pending !== undefined) return undefined;
      lastUnit = 1;
    } else if (ch in digit) {
      if (pending !== undefined) return undefined;
      pending = digit[ch];
    } else if (ch === '万') {
      section += pending ?? (section === 0 ? 1 : 0);
      total += section * 10000;
      section = 0;
      pending = undefined;
      lastUnit = 10000;
    } else if (ch in unit) {
      const u = unit[ch] ?? 1;
      section += (pending ?? 1) * u;
      pending = undefined;
      lastUnit = u;
    } else return undefined;
  }
  if (pending !== undefined) section += lastUnit >= 10 ? pending * (lastUnit / 10) : pending;
  return total + section;
}

export function parseMoney(text: string): number | undefined {
  let t = text.normalize('NFKC').toLowerCase().replace(/[\s,，]/g, '');
  // the way people say it around the amount: 大概两万块吧, 估计要三千五左右, 差不多5000元的样子
  t = t.replace(/[。.!！~～]+$/, '').replace(/(吧|啊|呀|呢|哦|嘛|的样子|这样)+$/, '');
  t = t.replace(/^(大概|大约|约|预计|估计|差不多|估算|可能)+/, '').replace(/^(要|需要|得|花)/, '');
  t = t.replace(/(左右|上下|以内|多)$/, '');
  t = t.replace(/(人民币|rmb)/g, '').replace(/(元钱|元|块钱|块|圆)$/, '').replace(/(左右|上下|以内)$/, '');
  t = t.replace(/w$/, '万').replace(/k$/, '千');
  const arabic = /^(\d+(?:\.\d+)?)(万|千|百)?$/.exec(t);
  if (arabic) {
    const n = Number(arabic[1]) * (arabic[2] ? (unit[arabic[2]] ?? 1) : 1);
    return Number.isFinite(n) ? Math.round(n) : undefined;
  }
  const mixed = /^(\d+)万(\d)$/.exec(t);
  if (mixed) return Number(mixed[1]) * 10000 + Number(mixed[2]) * 1000;
  if (t.length === 0 || /\d/.test(t)) return undefined;
  return chineseNumber(t);
}
