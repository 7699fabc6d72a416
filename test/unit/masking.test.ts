/** Phone numbers are masked in any format people type them, wherever they sit in a text. */
import fc from 'fast-check'
import { maskPhonesIn } from '../../src/domain/masking'

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))
/** The digits a reader could recover: full-width folded, separators dropped. */
const recoverable = (s: string) => FULL_WIDTH(s).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/\D/g, '')

const mobile = fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/)).map(([b, rest]) => `1${b}${rest}`)
const FORMATS: ((n: string) => string)[] = [
  (n) => n,
  (n) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  (n) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  (n) => `+86${n}`,
  (n) => `+86 ${n}`,
  (n) => `86-${n}`,
  (n) => `0086 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  (n) => FULL_WIDTH(n),
  (n) => `＋８６ ${FULL_WIDTH(n)}`,
  (n) => `${n.slice(0, 3)}－${n.slice(3, 7)}－${n.slice(7)}`,
  (n) => `${n.slice(0, 3)}.${n.slice(3, 7)}.${n.slice(7)}`,
]
const around = fc.constantFrom('', '联系电话', '张总', 'Tel:', '（', '）', '，', ' ', '电话：', 'abc', '2026年12月1日', '订单2026-')

describe('maskPhonesIn', () => {
  test('no generated mobile number survives, in any format, inside any words, beside other numbers', () => {
    fc.assert(
      fc.property(mobile, fc.nat(FORMATS.length - 1), around, around, mobile, (n, f, before, after, other) => {
        const text = `${before}${FORMATS[f](n)}${after}，或 ${other}`
        const masked = maskPhonesIn(text)
        expect(recoverable(masked)).not.toContain(n)
        expect(recoverable(masked)).not.toContain(other)
        expect(masked).toContain(`${n.slice(0, 3)}****${n.slice(7)}`)
      }),
      { numRuns: 2000 },
    )
  })

  test('two numbers typed together, with nothing between them, are both masked', () => {
    expect(maskPhonesIn('13900000001139000000023')).not.toMatch(/1390000000[12]/)
  })

  test('landlines keep the area code and the last four digits', () => {
    expect(maskPhonesIn('办公室 0531-88886666')).toBe('办公室 0531-****6666')
    expect(maskPhonesIn('（0531）8888 6666')).toBe('0531-****6666')
    expect(maskPhonesIn('010 62345678转')).toBe('010-****5678转')
  })

  test('dates, amounts, week keys and case numbers are left alone', () => {
    for (const text of ['2026-12-01 15:30', '投资 1500 万元', '2026-W49', '编号 2026-000123', '面积 23000 平方米', '第 3 次']) {
      expect(maskPhonesIn(text)).toBe(text)
    }
  })
})
