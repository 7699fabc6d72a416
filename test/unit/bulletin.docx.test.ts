/**
 * The hand-worked November as a Word document: unzipped, its word/document.xml read back — the title,
 * the ranking rows, 红榜 / 黑榜, the 督办 rows by case number, the teams — and no phone number, no
 * contact, no font file in it.
 */
import { computeBulletin } from '../../src/domain/bulletin'
import { bulletinDocx } from '../../server/bulletin/docx'
import { readDocx } from '../support/docx'
import { novemberInput } from './support/bulletinMonth'

const bulletin = computeBulletin(novemberInput())
let doc: ReturnType<typeof readDocx>
let size = 0

beforeAll(async () => {
  const bytes = await bulletinDocx(bulletin)
  size = bytes.length
  expect(bytes.subarray(0, 2).toString()).toBe('PK')
  doc = readDocx(bytes)
})

test('a Word package: content types, the document, its styles; no font is embedded', () => {
  expect([...doc.entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']))
  expect([...doc.entries.keys()].filter((n) => /fonts\/|\.(odttf|ttf|otf)$/i.test(n))).toEqual([])
  expect(doc.all).not.toMatch(/w:embed(Regular|Bold|Italic)/)
  expect(size).toBeLessThan(40_000)
})

test('the title, the period, and the summary paragraph', () => {
  expect(doc.paragraphs[0]).toBe('2026年11月企业诉求办理情况通报')
  expect(doc.paragraphs[1]).toBe('统计期间：2026年11月1日至11月30日　　数据截至：2026年12月1日 09:00')
  expect(doc.paragraphs).toContain(bulletin.summary)
  expect(doc.paragraphs.filter((p) => /^[一二三四五六]、/.test(p))).toEqual([
    '一、总体情况', '二、各部门办理情况排名', '三、红榜与黑榜', '四、督办事项', '五、服务专班走访情况', '六、重复反映较多的类别',
  ])
})

test('the ranking table: every department with its figures and the change against October', () => {
  const [ranking] = doc.tables
  expect(ranking[0]).toEqual(['名次', '部门', '收件', '响应率', '按期办结率', '解决率', '满意率', '重办率', '综合分'])
  expect(ranking.slice(1)).toEqual([
    ['1', '税务局', '2\n↑2', '100.0%\n—', '100.0%\n—', '100.0%\n—', '100.0%\n—', '0.0%\n—', '100.0\n—'],
    ['2', '住建局', '5\n↑3', '100.0%\n↑50.0', '75.0%\n↓25.0', '75.0%\n↑25.0', '75.0%\n↑25.0', '0.0%\n持平', '82.5\n↑32.5'],
    ['3', '发改局', '4\n↑4', '50.0%\n—', '100.0%\n—', '100.0%\n—', '50.0%\n—', '0.0%\n—', '67.5\n—'],
    ['4', '商务局', '4\n↑4', '50.0%\n—', '100.0%\n—', '50.0%\n—', '100.0%\n—', '0.0%\n—', '67.5\n—'],
    ['5', '供电公司', '3\n↑3', '33.3%\n—', '33.3%\n—', '33.3%\n—', '0.0%\n—', '33.3%\n—', '21.7\n—'],
    ['—', '市监局', '3\n↑3', '66.7%\n—', '0.0%\n—', '—\n—', '—\n—', '—\n—', '—\n缺解决率、满意率'],
  ])
  expect(doc.paragraphs.find((p) => p.startsWith('排名规则'))).toMatch(/依次比较解决率、响应率（高者在前）、当前逾期件数（少者在前），再按部门顺序.*本期无诉求办理的部门：教育局。$/)
})

test('红榜 / 黑榜 with their threshold', () => {
  expect(doc.tables[1]).toEqual([
    ['榜单', '名次', '部门', '收件', '综合分'],
    ['红榜', '2', '住建局', '5', '82.5'],
    ['红榜', '3', '发改局', '4', '67.5'],
    ['黑榜', '4', '商务局', '4', '67.5'],
    ['黑榜', '5', '供电公司', '3', '21.7'],
  ])
  expect(doc.paragraphs).toContain('仅收件不少于3件且参与排名的部门参评，红榜、黑榜各取前、后 min(3, ⌊参评部门数/2⌋) 名，同一部门不会同时上榜。')
})

test('督办 rows by case number, with the masked title, the lead department and working days overdue', () => {
  expect(doc.tables[2]).toEqual([
    ['编号', '问题', '主办部门', '状态', '超期（工作日）', '督办等级'],
    ['2026-000053', '食品经营许可证延续 联系电话 139****5678', '市监局', '待签收', '7', '红牌'],
    ['2026-000052', '广告牌设置审批', '市监局', '办理中', '2', '黄牌'],
    ['2026-000047', '施工图审查意见', '住建局', '待补充材料', '未超期', '蓝牌'],
  ])
})

test('the teams\' visits and the hotspots', () => {
  expect(doc.tables[3]).toEqual([
    ['服务专班', '走访覆盖率', '已走访/应走访（项目周）', '未走访（次）', '走访中收集诉求（件）'],
    ['第一服务专班', '75.0%\n↓5.0', '6/8', '2', '2'],
    ['第二服务专班', '75.0%\n↓25.0', '3/4', '1', '1'],
  ])
  expect(doc.tables[4].slice(1)).toEqual([['水电气路', '2', '2026-000061、2026-000062'], ['审批手续', '1', '2026-000060']])
})

test('no mobile number anywhere in the package, even one a title carried', () => {
  const digits = doc.all.replace(/\s/g, '')
  expect(digits).not.toMatch(/1[3-9]\d{9}/)
  expect(doc.all).not.toContain('139 1234 5678')
})
