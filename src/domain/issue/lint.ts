/**
 * Reply lint for the reviewer (督核): vague time words and a bare "已转相关部门" are flagged, never blocked.
 * @example lintReply('我们会尽快处理') // [{ word: '尽快', hint: '…', index: 3 }]
 */
export interface LintFlag {
  word: string
  hint: string
  /** Position of the word in the text. */
  index: number
}

const DATE_HINT = '请给出具体日期或期限'
export const VAGUE_WORDS: readonly { word: string; hint: string }[] = [
  { word: '近期', hint: DATE_HINT },
  { word: '尽快', hint: DATE_HINT },
  { word: '即将', hint: DATE_HINT },
  { word: '研究研究', hint: '请说明研究的结论，或给出答复日期' },
  { word: '适时', hint: DATE_HINT },
  { word: '择机', hint: DATE_HINT },
]

const FORWARDED = /已(?:转|转交|转办)(?:至|到|给)?相关部门/
/** A forwarding note with fewer than this many other characters names no department, contact or date. */
const BARE_REST = 15
const FILLER = /[\s，。、！？；：,.!?;:“”"'（）()…]/g

export function lintReply(text: string): LintFlag[] {
  const flags: LintFlag[] = []
  for (const { word, hint } of VAGUE_WORDS) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) flags.push({ word, hint, index: i })
  }
  const fwd = FORWARDED.exec(text)
  if (fwd && text.replace(FORWARDED, '').replace(FILLER, '').length < BARE_REST)
    flags.push({ word: fwd[0], hint: '请写明转给哪个部门、联系人和办理时限', index: fwd.index })
  return flags.sort((a, b) => a.index - b.index)
}
