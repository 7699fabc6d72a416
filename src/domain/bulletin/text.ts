/**
 * The bulletin's words and numbers as people read them — one set of formatters for the page and the
 * .docx — and the summary paragraph, written from the figures.
 */
import { ymdOf } from '../time'
import { shownTenths } from './rank'
import type { Bulletin, BulletinFigure, BulletinFigureKey } from './bulletinView'

/** 0.853 → '85.3%'; null → '—' */
export const pct = (v: number | null): string => (v === null ? '—' : `${(shownTenths(v) / 10).toFixed(1)}%`)

/** 综合分 0.853 → '85.3'; null → '—' */
export const scoreText = (v: number | null): string => (v === null ? '—' : (shownTenths(v) / 10).toFixed(1))

/** A figure's value as shown in its column. */
export function figureText(key: BulletinFigureKey, f: BulletinFigure): string {
  if (key === 'received') return String(f.value ?? 0)
  return key === 'score' ? scoreText(f.value) : pct(f.value)
}

/** '↑2.5' · '↓1.0' · '持平' · '—' (no value on one side); counts without decimals: '↑3'. */
export function changeText(change: number | null, count = false): string {
  if (change === null) return '—'
  if (change === 0) return '持平'
  const size = count ? String(Math.abs(change)) : Math.abs(change).toFixed(1)
  return `${change > 0 ? '↑' : '↓'}${size}`
}

/** '，较上月上升2.5个百分点' · '，较上月持平' · '' (no comparison). */
function changeWords(change: number | null, previous: string, unit: string): string {
  if (change === null) return ''
  if (change === 0) return `，与${previous}持平`
  const size = Number.isInteger(change) ? String(Math.abs(change)) : Math.abs(change).toFixed(1)
  return `，较${previous}${change > 0 ? (unit === '件' ? '增加' : '上升') : unit === '件' ? '减少' : '下降'}${size}${unit}`
}

/** '2026年12月1日' */
export function dateText(ms: number): string {
  const [y, m, d] = ymdOf(ms).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** The summary paragraph: every number in it is a figure of the bulletin. */
export function writeSummary(b: Omit<Bulletin, 'summary'>): string {
  const prev = b.kind === 'month' ? '上月' : '上季度'
  const z = b.zone.figures
  const names = (ids: string[]) => ids.map((id) => b.departments.find((d) => d.departmentId === id)?.name ?? id).join('、')
  const parts: string[] = []
  parts.push(
    `${b.label}，全区新收企业诉求${b.zone.raised}件${b.zone.repeats ? `（另有重复反映${b.zone.repeats}件，合并计算）` : ''}，` +
      `交办部门办理${z.received.value ?? 0}件${changeWords(z.received.change, prev, '件')}。`,
  )
  const rates = (['response', 'onTime', 'resolution', 'satisfaction', 'reopen'] as const)
    .map((k) => `${{ response: '响应率', onTime: '按期办结率', resolution: '解决率', satisfaction: '满意率', reopen: '重办率' }[k]}${pct(z[k].value)}`)
    .join('，')
  parts.push(
    z.score.value === null
      ? `${rates}；综合分暂不计算。`
      : `${rates}；综合分${scoreText(z.score.value)}分${changeWords(z.score.change, prev, '分')}。`,
  )
  const ranked = b.departments.filter((d) => d.rank !== null)
  const unranked = b.departments.length - ranked.length
  if (ranked.length) {
    parts.push(
      `参与排名的${ranked.length}个部门中，${ranked[0].name}综合分最高（${scoreText(ranked[0].figures.score.value)}分）` +
        `${unranked ? `；另有${unranked}个部门因数据不足暂不排名` : ''}。`,
    )
  } else if (unranked) {
    parts.push(`本期各部门数据不足，暂不排名。`)
  }
  parts.push(
    b.red.length
      ? `红榜：${names(b.red)}；黑榜：${names(b.black)}（收件不少于${b.threshold}件的部门参评）。`
      : `收件不少于${b.threshold}件的部门不足两个，本期不设红黑榜。`,
  )
  const red = b.supervision.filter((s) => s.ladder === 'red').length
  const longest = Math.max(0, ...b.supervision.map((s) => s.overdueDays))
  parts.push(
    b.zone.supervised
      ? `截至${dateText(b.now)}，仍在督办的问题${b.zone.supervised}件${red ? `，其中红牌${red}件` : ''}${longest ? `，最长已超期${longest}个工作日` : ''}。`
      : `截至${dateText(b.now)}，没有督办中的问题。`,
  )
  const c = b.zone.coverage
  const missed = b.teams.reduce((n, t) => n + t.missed, 0)
  const visitIssues = b.teams.reduce((n, t) => n + t.visitIssues, 0)
  parts.push(
    `各服务专班应走访${c.denominator}个项目周，完成${c.numerator}个，走访覆盖率${pct(c.value)}，未走访${missed}次，走访中收集诉求${visitIssues}件。`,
  )
  if (b.hotspots.length) parts.push(`重复反映较多的类别：${b.hotspots.map((h) => `${h.name}（${h.repeats}件）`).join('、')}。`)
  return parts.join('')
}
