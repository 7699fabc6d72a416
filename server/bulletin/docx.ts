/**
 * The 通报 as a Word document (.docx, built with `docx`): the title, the period and the time of the
 * figures, the summary paragraph, the ranking table, 红榜 / 黑榜, the 督办 list, the teams' visit
 * table and the 重复反映 hotspots. No font is named or embedded: Word, WPS and LibreOffice use their
 * own defaults. Every text passes through maskPhonesIn; issues go by case number; no contact is read.
 * `docx` is loaded on the first document a function instance writes, so the dashboard's other actions
 * do not pay for evaluating it at a cold start.
 */
import type { Paragraph, Table } from 'docx'
import {
  BULLETIN_FIGURES,
  type Bulletin,
  type DepartmentRow,
  FIGURE_LABELS,
  changeText,
  dateText,
  figureText,
  pct,
  previousName,
  scoreText,
} from '../../src/domain/bulletin'
import { LADDER_NAMES } from '../../src/domain/issue/labels'
import { maskPhonesIn } from '../../src/domain/masking'
import { HOUR_MS, ymdOf } from '../../src/domain/time'

/** A4 portrait with 2.5 cm margins leaves 15.9 cm of text: 9,020 twips. */
const TEXT_WIDTH = 9020
const TABLE_TEXT = 18 // half-points: 9 pt
const BODY_TEXT = 24 // 12 pt

type Docx = typeof import('docx')

/** The few shapes the document is made of, over the loaded library. */
function builders({ AlignmentType, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType }: Docx) {
  const run = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: maskPhonesIn(text), bold: opts.bold, size: opts.size })

  const para = (text: string, opts: { bold?: boolean; size?: number; center?: boolean; indent?: boolean } = {}) =>
    new Paragraph({
      children: [run(text, { bold: opts.bold, size: opts.size ?? BODY_TEXT })],
      alignment: opts.center ? AlignmentType.CENTER : undefined,
      indent: opts.indent ? { firstLine: 480 } : undefined,
      spacing: { after: 120, line: 360 },
    })

  const heading = (text: string) =>
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(text, { bold: true, size: 28 })], spacing: { before: 240, after: 120 } })

  /** A cell of one or more lines (a figure and its change). */
  const cell = (lines: string | string[], opts: { bold?: boolean; width: number }) =>
    new TableCell({
      width: { size: opts.width, type: WidthType.DXA },
      children: (Array.isArray(lines) ? lines : [lines]).map(
        (line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(line, { bold: opts.bold, size: TABLE_TEXT })] }),
      ),
    })

  /** A table with a bold header row; `widths` are shares of the text width. */
  function table(header: string[], rows: (string | string[])[][], shares: number[]): Table {
    const total = shares.reduce((a, b) => a + b, 0)
    const widths = shares.map((s) => Math.floor((TEXT_WIDTH * s) / total))
    const row = (cells: (string | string[])[], bold: boolean) =>
      new TableRow({ tableHeader: bold, children: cells.map((c, i) => cell(c, { bold, width: widths[i] })) })
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [row(header, true), ...rows.map((r) => row(r, false))],
    })
  }
  return { para, heading, table }
}

type Builders = ReturnType<typeof builders>

/** '2026年11月1日至11月30日' */
function spanText(b: Bulletin): string {
  const last = ymdOf(b.to - 1).split('-').map(Number)
  const sameYear = ymdOf(b.from).slice(0, 4) === String(last[0])
  return `${dateText(b.from)}至${sameYear ? '' : `${last[0]}年`}${last[1]}月${last[2]}日`
}

const timeText = (ms: number) => `${dateText(ms)} ${new Date(ms + 8 * HOUR_MS).toISOString().slice(11, 16)}`

function rankingRows(b: Bulletin): string[][][] {
  return b.departments.map((d: DepartmentRow) => [
    [d.rank === null ? '—' : String(d.rank)],
    [d.name],
    ...BULLETIN_FIGURES.map((k) => {
      const f = d.figures[k]
      if (k === 'score' && d.rank === null) return ['—', `缺${(d.missing ?? []).join('、')}`]
      return [figureText(k, f), changeText(f.change, k === 'received')]
    }),
  ])
}

function boards(b: Bulletin, { para, table }: Builders): (Paragraph | Table)[] {
  const fair = `仅收件不少于${b.threshold}件且参与排名的部门参评，红榜、黑榜各取前、后 min(3, ⌊参评部门数/2⌋) 名，同一部门不会同时上榜。`
  if (!b.red.length) return [para(`本期收件不少于${b.threshold}件的部门不足两个，不设红黑榜。`, { indent: true })]
  const line = (board: string, id: string) => {
    const d = b.departments.find((x) => x.departmentId === id) as DepartmentRow
    return [board, String(d.rank), d.name, String(d.figures.received.value ?? 0), scoreText(d.figures.score.value)]
  }
  return [
    table(['榜单', '名次', '部门', '收件', '综合分'], [...b.red.map((id) => line('红榜', id)), ...b.black.map((id) => line('黑榜', id))], [2, 1.5, 4, 1.5, 2]),
    para(fair, { size: TABLE_TEXT }),
  ]
}

const overdueText = (s: Bulletin['supervision'][number]) => (!s.overdue ? '未超期' : s.overdueDays >= 1 ? String(s.overdueDays) : '不足1')

/** The document's bytes. */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const docx = await import('docx')
  const parts = builders(docx)
  const { para, heading, table } = parts
  const prev = previousName(b.kind)
  const weights = `${b.weights.response}:${b.weights.resolution}:${b.weights.satisfaction}`
  const children: (Paragraph | Table)[] = [
    para(b.title, { bold: true, size: 36, center: true }),
    para(`统计期间：${spanText(b)}\u3000\u3000数据截至：${timeText(b.now)}`, { center: true, size: 21 }),
    heading('一、总体情况'),
    para(b.summary, { indent: true }),
    heading('二、各部门办理情况排名'),
    table(['名次', '部门', ...BULLETIN_FIGURES.map((k) => FIGURE_LABELS[k])], rankingRows(b), [1, 2.4, 1, 1.2, 1.3, 1.2, 1.2, 1.2, 1.3]),
    para(
      `排名规则：按综合分（响应率、解决率、满意率按 ${weights} 加权）从高到低；综合分相同（按显示的一位小数）时依次比较解决率、响应率（高者在前）、` +
        `当前逾期件数（少者在前），再按部门顺序。综合分缺少任一分项数据的部门不参与排名。各项下方为较${prev}变化：比率以百分点计，综合分以分计，收件以件计；“—”表示一方无数据。` +
        (b.idle.length ? `本期无诉求办理的部门：${b.idle.join('、')}。` : ''),
      { size: TABLE_TEXT },
    ),
    heading('三、红榜与黑榜'),
    ...boards(b, parts),
    heading('四、督办事项'),
    b.supervision.length
      ? table(
          ['编号', '问题', '主办部门', '状态', '超期（工作日）', '督办等级'],
          b.supervision.map((s) => [s.caseNo || '—', s.title, s.department, s.state, overdueText(s), LADDER_NAMES[s.ladder] || '—']),
          [2.2, 4, 2, 1.5, 1.5, 1.3],
        )
      : para('无督办中的问题。', { indent: true }),
    heading('五、服务专班走访情况'),
    table(
      ['服务专班', '走访覆盖率', '已走访/应走访（项目周）', '未走访（次）', '走访中收集诉求（件）'],
      b.teams.map((t) => [t.name, [pct(t.coverage.value), changeText(t.coverage.change)], `${t.coverage.numerator}/${t.coverage.denominator}`, String(t.missed), String(t.visitIssues)]),
      [3, 2, 2.5, 1.5, 2],
    ),
  ]
  if (b.hotspots.length) {
    children.push(
      heading('六、重复反映较多的类别'),
      table(['类别', '重复反映（件）', '编号'], b.hotspots.map((h) => [h.name, String(h.repeats), h.refs.map((r) => r.caseNo).join('、')]), [2, 2, 6]),
    )
  }
  const doc = new docx.Document({ creator: '企业周走访', title: b.title, sections: [{ children }] })
  return docx.Packer.toBuffer(doc)
}
