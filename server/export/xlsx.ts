import { zipFiles } from './zip'

/** One worksheet: a bold, frozen header row from `columns`, then `rows` cell by cell. */
export interface Sheet {
  name: string
  columns: { header: string; width?: number }[]
  rows: (string | number | boolean | null | undefined)[][]
}

type Cell = Sheet['rows'][number][number]

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
/** Excel refuses a cell longer than this (UTF-16 code units). */
const MAX_CELL_CHARS = 32767
const MAX_SHEET_NAME = 31

// Characters XML 1.0 cannot carry (C0 except tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) plus DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** What spreadsheet programs may read as the start of a formula (OWASP CSV-injection list). */
const FORMULA_START = /^[=+\-@\t\r]/

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Cut to `max` UTF-16 units without leaving half a surrogate pair behind. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

/**
 * The text a string cell carries: control characters stripped, a leading formula character defused with `'`,
 * line breaks as LF, a literal `_xHHHH_` protected from Excel's escape decoding, capped at Excel's cell length.
 */
export function cellText(raw: string): string {
  let text = raw.replace(INVALID_CHARS, '')
  if (FORMULA_START.test(text)) text = `'${text}`
  text = text.replace(/\r\n?/g, '\n').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
  return clip(text, MAX_CELL_CHARS)
}

/** Column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** Names Excel accepts: no []:*?/\ or controls, no edge apostrophes, 1–31 chars, unique ignoring case. */
export function sheetNames(raw: string[]): string[] {
  const taken = new Set<string>(['history']) // Excel reserves "History"
  return raw.map((name, i) => {
    let base = String(name ?? '')
      .replace(INVALID_CHARS, '')
      // eslint-disable-next-line no-control-regex -- a sheet name may hold no control character
      .replace(/[\u0000-\u001F]/g, ' ')
      .replace(/[[\]:*?/\\]/g, '_')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim()
    if (!base) base = `Sheet${i + 1}`
    let candidate = clip(base, MAX_SHEET_NAME)
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`
      candidate = clip(base, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix
    }
    taken.add(candidate.toLowerCase())
    return candidate
  })
}

function cellXml(ref: string, value: Cell, style: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : ''
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : cellText(String(value))
  if (!text) return ''
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`
}

function rowXml(index: number, cells: Cell[], style: string): string {
  const body = cells.map((v, c) => cellXml(`${columnName(c)}${index}`, v, style)).join('')
  return body ? `<row r="${index}">${body}</row>` : ''
}

function sheetXml(sheet: Sheet, selected: boolean): string {
  const width = sheet.rows.reduce((w, r) => Math.max(w, r?.length ?? 0), Math.max(1, sheet.columns.length))
  const height = sheet.rows.length + 1
  const cols = sheet.columns
    .map((c, i) => {
      const w = typeof c.width === 'number' && Number.isFinite(c.width) ? Math.min(Math.max(c.width, 0), 255) : undefined
      return w === undefined ? '' : `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`
    })
    .join('')
  const rows = [
    rowXml(1, sheet.columns.map((c) => c.header), ' s="1"'),
    ...sheet.rows.map((r, i) => rowXml(i + 2, r ?? [], '')),
  ].join('')
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${columnName(width - 1)}${height}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows}</sheetData></worksheet>`
  )
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/** An .xlsx workbook (Office Open XML, a ZIP) holding the sheets in order; the first one is active. */
export function buildXlsx(sheets: Sheet[]): Buffer {
  if (!Array.isArray(sheets) || sheets.length === 0) throw new Error('xlsx: a workbook needs at least one sheet')
  const names = sheetNames(sheets.map((s) => s.name))
  const ids = sheets.map((_, i) => i + 1)
  const part = (name: string, xml: string) => ({ name, data: Buffer.from(xml, 'utf8') })

  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    ids.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.worksheet+xml"/>`).join('') +
    '</Types>'
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
    ids.map((n, i) => `<sheet name="${escapeXml(names[i])}" sheetId="${n}" r:id="rId${n}"/>`).join('') +
    '</sheets></workbook>'
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    ids.map((n) => `<Relationship Id="rId${n}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
    `<Relationship Id="rId${ids.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`

  return zipFiles([
    part('[Content_Types].xml', contentTypes),
    part('_rels/.rels', rootRels),
    part('xl/workbook.xml', workbook),
    part('xl/_rels/workbook.xml.rels', workbookRels),
    part('xl/styles.xml', STYLES_XML),
    ...sheets.map((s, i) => part(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s, i === 0))),
  ])
}
