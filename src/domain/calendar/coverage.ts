/**
 * Which of the seven statutory holidays a year's arrangement names. A published notice names every
 * one of them; an entry that leaves one out must say so (`omitted`), so a half-typed year can never
 * silently replace the statutory estimate. Pure and free of the lunar and package data, so the
 * managers' form can run the same check before it sends.
 */

/** The holidays of 《全国年节及纪念日放假办法》 第二条, in calendar order. */
export const STATUTORY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const
export type StatutoryName = (typeof STATUTORY_NAMES)[number]

/** What a range's name must contain to count as the holiday (notices and chinese-days write 清明, 端午, 中秋 too). */
const STEMS: Record<StatutoryName, readonly string[]> = {
  元旦: ['元旦'],
  春节: ['春节'],
  清明节: ['清明'],
  劳动节: ['劳动节', '五一'],
  端午节: ['端午'],
  中秋节: ['中秋'],
  国庆节: ['国庆'],
}

/**
 * The statutory holidays a range's name stands for; a combined entry names several.
 * @example holidaysNamed('中秋节、国庆节') // ['中秋节', '国庆节']
 * @example holidaysNamed('清明') // ['清明节']
 */
export function holidaysNamed(name: string): StatutoryName[] {
  return STATUTORY_NAMES.filter((h) => STEMS[h].some((stem) => name.includes(stem)))
}

/** The statutory holidays no range of the arrangement names, in calendar order. */
export function missingHolidays(holidays: readonly { name: string }[]): StatutoryName[] {
  const named = new Set(holidays.flatMap((h) => holidaysNamed(h.name)))
  return STATUTORY_NAMES.filter((h) => !named.has(h))
}

/** Missing holidays the manager has not confirmed as left out: these block saving. */
export function unconfirmedHolidays(holidays: readonly { name: string }[], omitted: readonly string[] = []): StatutoryName[] {
  return missingHolidays(holidays).filter((h) => !omitted.includes(h))
}

/** 「2027 年放假安排缺少端午节、中秋节的放假区间……」 — the refusal, also shown by the form before it sends. */
export const missingHolidaysMessage = (year: number, names: readonly string[]): string =>
  `${year} 年放假安排缺少${names.join('、')}的放假区间：请按通知录入；如当年确实不放假，请勾选“本年不放假”后再保存`
