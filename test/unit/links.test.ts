/** The link table (src/domain/links.ts): the one place page paths and their queries are made and read. */
import fs from 'node:fs'
import path from 'node:path'
import { absolutePath, appPages, links } from '../../src/domain/links'

const ROOT = path.resolve(__dirname, '../..')

/** What a link hands the page: WeChat passes query values raw (undecoded) to onLoad. */
const rawQuery = (link: string): Record<string, string> => Object.fromEntries((link.split('?')[1] ?? '').split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]))

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

describe('the link table', () => {
  it('makes the issue link the issue page reads, and still reads links already sent with issueId', () => {
    expect(links.issue({ id: 'f0c611ef' })).toBe('pages/issue/index?id=f0c611ef')
    expect(absolutePath(links.issue({ id: 'f0c611ef' }))).toBe('/pages/issue/index?id=f0c611ef')
    expect(links.issue.parse(rawQuery(links.issue({ id: 'f0c611ef' })))).toEqual({ id: 'f0c611ef' })
    expect(links.issue.parse({ issueId: 'f0c611ef' })).toEqual({ id: 'f0c611ef' })
  })

  it('reads back every parameter of every page it makes, values encoded once', () => {
    const label = '满意率 & 解决率 50%'
    const drill = links.drill({ metric: 'satisfaction', from: '1000', to: '2000', part: 'numerator', label })
    expect(drill).toBe(`pkg-admin/pages/drill/index?metric=satisfaction&from=1000&to=2000&part=numerator&label=${encodeURIComponent(label)}`)
    expect(links.drill.parse(rawQuery(drill))).toEqual({ metric: 'satisfaction', from: '1000', to: '2000', part: 'numerator', label })
    for (const [name, entry] of Object.entries(links)) {
      const params = Object.fromEntries(entry.params.map((p, i) => [p, `v${i}_${name}`]))
      const link = (entry as (p: Record<string, string>) => string)(params)
      expect(link.startsWith(entry.route)).toBe(true)
      expect((entry.parse as (q: Record<string, string>) => unknown)(rawQuery(link))).toEqual(params)
    }
  })

  it('refuses to make a link without a required parameter, and a page reads such a link as missing', () => {
    expect(() => (links.issue as (p: object) => string)({})).toThrow('pages/issue/index needs id')
    expect(links.issue.parse({})).toBeUndefined()
    expect(links.raise.parse({ source: 'group' })).toBeUndefined()
    expect(links.board.parse(undefined)).toEqual({})
  })

  it("is app.json's page list: home first, every route a page in src/", () => {
    ;(globalThis as any).defineAppConfig = (c: unknown) => c
    const config = require('../../src/app.config').default as ReturnType<typeof appPages>
    expect({ pages: config.pages, subPackages: config.subPackages }).toEqual(appPages())
    expect(config.pages[0]).toBe(links.home.route)
    for (const { route } of Object.values(links)) expect(fs.existsSync(path.join(ROOT, 'src', `${route}.tsx`))).toBe(true)
  })

  it('is the only place that spells a page path: no other source file in src/ or server/ does', () => {
    const files = [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'server'))].filter((f) => /\.tsx?$/.test(f) && !f.endsWith(path.join('domain', 'links.ts')))
    const spelled = files.filter((f) => /['"`/](pages|pkg-work\/pages|pkg-admin\/pages)\/[a-z-]+\/index/.test(fs.readFileSync(f, 'utf8')))
    expect(spelled.map((f) => path.relative(ROOT, f))).toEqual([])
  })
})
