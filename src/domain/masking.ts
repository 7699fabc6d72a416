/**
 * Phone numbers masked in any format people type them: 13900000001, 139 0000 0001, 139-0000-0001,
 * +86 139…, 86-139…, full-width ０-９, inside words (电话13900000001张总), and landlines (0531-8888 6666).
 * A masked number keeps its first three and last four digits: 139****0001, 0531-****6666.
 *
 * Matching runs on a copy of the text with full-width digits, plus signs and dashes folded to ASCII
 * one character for one, so every index found there is the same index in the original.
 */

const FOLD: Record<string, string> = { '＋': '+', '－': '-', '—': '-', '–': '-', '　': ' ', '（': '(', '）': ')' }

function fold(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    out += code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 48) : FOLD[ch] ?? ch
  }
  return out
}

// Between two digits of one number: nothing, or one space / dash / dot.
const GAP = '[ .-]?'
const digits = (n: number) => Array.from({ length: n }, () => '\\d').join(GAP)
/**
 * A mainland mobile number, with an optional +86 / 0086 / 86 in front; digits glued after it do not
 * save it from masking. No look-behind: mini-program engines differ.
 */
const MOBILE = new RegExp(`(^|[^\\d])((?:(?:\\+|00)?86[ -]?)?1${GAP}[3-9]${GAP}${digits(9)})`, 'g')
/** A landline with its area code: 010-12345678, (0531) 8888 6666, 075588886666. */
const LANDLINE = new RegExp(`(^|[^\\d])(\\(?0\\d{2,3}\\)?[ -]?[2-9]${GAP}${digits(6)}(?:${GAP}\\d)?)(?!\\d)`, 'g')
/** Digits stuck to more digits: a mobile number inside a longer run is masked too. */
const BURIED_MOBILE = /1[3-9]\d{9}/g

const onlyDigits = (s: string) => s.replace(/\D/g, '')

function maskedMobile(raw: string): string {
  const d = onlyDigits(raw).slice(-11)
  return `${d.slice(0, 3)}****${d.slice(7)}`
}

function maskedLandline(raw: string): string {
  const area = /^\(?(0\d{2,3})\)?/.exec(raw)?.[1] ?? ''
  return `${area}-****${onlyDigits(raw).slice(-4)}`
}

/** Replaces the matches of `pattern` (group 2 = the number) in `original`, found in `folded`. */
function replaceAll(original: string, folded: string, pattern: RegExp, masked: (raw: string) => string): [string, string] {
  let out = ''
  let outFolded = ''
  let last = 0
  pattern.lastIndex = 0
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    const start = m.index + m[1].length
    const end = start + m[2].length
    const replacement = masked(m[2])
    out += original.slice(last, start) + replacement
    outFolded += folded.slice(last, start) + replacement
    last = end
  }
  return [out + original.slice(last), outFolded + folded.slice(last)]
}

/**
 * @example maskPhonesIn('联系张总 139 0000 0001') // '联系张总 139****0001'
 * @example maskPhonesIn('＋８６ １３９０００００００１') // '139****0001'
 */
export function maskPhonesIn(text: string): string {
  let original = text
  let folded = fold(text)
  ;[original, folded] = replaceAll(original, folded, MOBILE, maskedMobile)
  ;[original, folded] = replaceAll(original, folded, LANDLINE, maskedLandline)
  // What is left: mobile numbers glued to other digits (two numbers typed together, an id).
  BURIED_MOBILE.lastIndex = 0
  let out = ''
  let last = 0
  for (let m = BURIED_MOBILE.exec(folded); m; m = BURIED_MOBILE.exec(folded)) {
    out += original.slice(last, m.index) + maskedMobile(m[0])
    last = m.index + m[0].length
  }
  return out + original.slice(last)
}

/** Every string inside a value masked (objects and arrays walked; other values kept). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPhonesIn(value) as T
  if (Array.isArray(value)) return value.map(maskDeep) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T
  return value
}
