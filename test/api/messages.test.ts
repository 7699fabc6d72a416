/**
 * Every refusal of malformed input, through the real functions on the local cloud, names the field
 * in Chinese: the hostile variations of a valid sample of every action of every function (the same
 * generator as hostile.test.ts) are sent, and each INVALID_INPUT message must carry no ASCII word —
 * no field name, no path, none of valibot's English — and, when the variation is about one field,
 * say which (details.field) and carry that field's Chinese label.
 */
import { contract } from '../../src/domain/contract'
import { labelFor } from '../../src/domain/messages'
import { type App, startApp } from './support/app'
import { hostileCases, inParallel } from './support/hostile'
import { buildHostileWorld, type HostileWorld, type Sample, samplesFor } from './support/hostileWorld'

jest.setTimeout(120_000)

const ASCII_WORD = /[A-Za-z]{2,}/

let app: App
let w: HostileWorld
let samples: Sample[]
beforeAll(async () => {
  app = await startApp()
  w = await buildHostileWorld(app)
  samples = samplesFor(w)
})
afterAll(() => app?.stop())

const specOf = (fn: string, action: string) => (contract as any)[fn][action].input
/** 'command.files[0]' → ['command', 'files', 0] */
const keysOf = (field: string) => field.split(/\.|(?=\[)/).map((k) => (k.startsWith('[') ? Number(k.slice(1, -1)) : k))

interface Refusal { label: string; aboutField: boolean; fn: string; action: string; input: unknown; code?: string; message?: string; field?: string }

describe.each(Object.keys(contract))('%s: refused input is described in Chinese', (fn) => {
  it('names the field by its label, with no field name, path or English', async () => {
    const refusals: Refusal[] = []
    for (const s of samples.filter((x) => x.fn === fn)) {
      const cases = hostileCases(specOf(fn, s.action), s.input)
      await inParallel(cases, 4, async (c) => {
        const res = await app.cloud.call(fn, { action: s.action, input: c.input, ...s.extra }, w.callers[s.by].openid)
        const error = res.result?.error
        refusals.push({ label: `${s.key}: ${c.name}`, aboutField: !c.name.startsWith('input '), fn, action: s.action, input: c.input, code: error?.code, message: error?.message, field: error?.details?.field })
      })
    }
    const wrong = refusals.flatMap((r) => {
      if (r.code !== 'INVALID_INPUT' || !r.message) return [`${r.label}: ${r.code} ${r.message}`]
      if (ASCII_WORD.test(r.message)) return [`${r.label}: ASCII in 「${r.message}」`]
      if (r.message === '请求内容过大') return [] // the event's size is refused before any field is looked at
      if (r.aboutField && !r.field) return [`${r.label}: 「${r.message}」 says no field`]
      const fieldLabel = r.field ? labelFor(specOf(r.fn, r.action), keysOf(r.field), r.input) : ''
      if (ASCII_WORD.test(fieldLabel) || !r.message.includes(fieldLabel)) return [`${r.label}: 「${r.message}」 does not name ${r.field} as 「${fieldLabel}」`]
      return []
    })
    expect(refusals.length).toBeGreaterThan(0)
    expect(wrong).toEqual([])
  })
})

it('the examples from the field: an invite code, a missing period, a make-up day, an extension', async () => {
  const manager = w.callers.manager
  expect((await w.fresh.fail('me', 'acceptInvite', { code: 'abc', name: '新同事' })).message).toBe('邀请码为 8 位字母或数字')
  expect((await manager.fail('dashboard', 'summary', {})).message).toBe('缺少统计期间')
  const arrangement = { year: 2031, holidays: [{ name: '元旦', from: '2031-01-01', to: '2031-01-01' }], workdays: ['2031-01-08'] }
  expect((await manager.fail('org', 'setCalendarYear', { arrangement })).message).toBe('第 1 个调休上班日 2031-01-08 不是周六或周日，调休上班日只能是周末')
  const issue = w.issueFor.request_extension.issue
  const refused = await w.handlerZj.fail('issues', 'act', { issueId: issue._id, expectedVersion: issue.version, command: { action: 'request_extension', reason: '需要踏勘', workingDays: 'three' } })
  expect(refused).toEqual({ code: 'INVALID_INPUT', message: '延期天数应为数字', details: { field: 'command.workingDays' } })
})
