/**
 * Hostile callers against every action of every cloud function, generated from the contract itself:
 * a new action or a new issue command is attacked as soon as it is declared (and the suite fails
 * until it has a valid sample below). Every refusal must carry a clear code and a Chinese message,
 * never INTERNAL, and a dump of every collection before and after shows nothing changed.
 */
import * as v from 'valibot'
import { contract } from '../../src/domain/contract'
import { UserCommandSchema } from '../../src/domain/issue/schemas'
import type { AppErrorShape } from '../../src/domain/errors'
import { unindexedQueries } from './support/app'
import { CHINESE, diffSnapshots, hostileCases, inParallel, snapshot } from './support/hostile'
import { buildHostileWorld, type HostileWorld, type Sample, samplesFor } from './support/hostileWorld'
import { useApiWorld } from './support/world'

jest.setTimeout(120_000)

const { app, w } = useApiWorld({ build: buildHostileWorld })
let samples: Sample[]
beforeAll(() => {
  samples = samplesFor(w)
})

const FUNCTIONS = Object.keys(contract) as (keyof typeof contract)[]
const actionsOf = (fn: string) => Object.keys((contract as Record<string, object>)[fn])
const specOf = (fn: string, action: string) => (contract as any)[fn][action].input as v.GenericSchema
const samplesOf = (fn: string) => samples.filter((s) => s.fn === fn)

interface Outcome { label: string; envelope: any }

/** Sends one event; answers the envelope (or a description of a transport-level failure). */
async function send(fn: string, event: unknown, openid?: string): Promise<any> {
  const res = await app.cloud.call(fn, event, openid)
  if (res.errCode !== undefined) return { ok: false, error: { code: `CLOUD_${res.errCode}`, message: String(res.errMsg) } }
  return res.result
}

/** Each outcome must be a refusal with one of `codes` and a Chinese message. */
function refusalsThatFailed(outcomes: Outcome[], codes: string[]): string[] {
  const bad: string[] = []
  for (const { label, envelope } of outcomes) {
    const error = envelope?.error as AppErrorShape | undefined
    if (envelope?.ok !== false || !error) bad.push(`${label}: answered ok ${JSON.stringify(envelope?.data ?? envelope).slice(0, 160)}`)
    else if (!codes.includes(error.code)) bad.push(`${label}: ${error.code} ${error.message}`)
    else if (!CHINESE.test(error.message)) bad.push(`${label}: message not in Chinese: ${error.message}`)
  }
  return bad
}

describe('the hostile table covers the whole contract', () => {
  it('every action of every function has a valid sample, and issues.act has one for every user command', () => {
    const covered = new Set(samples.map((s) => `${s.fn}.${s.action}`))
    const missing = FUNCTIONS.flatMap((fn) => actionsOf(fn).map((a) => `${fn}.${a}`)).filter((k) => !covered.has(k))
    expect(missing).toEqual([])
    const commands = new Set(samples.filter((s) => s.key.startsWith('issues.act:')).map((s) => s.key.split(':')[1]))
    const allCommands = UserCommandSchema.options.map((o) => o.entries.action.literal)
    expect(allCommands.filter((c) => !commands.has(c))).toEqual([])
  })

  it('every sample is valid under its own schema, so each refusal below is the hostile part\'s doing', () => {
    const invalid = samples.filter((s) => !v.safeParse(specOf(s.fn, s.action), s.input).success).map((s) => s.key)
    expect(invalid).toEqual([])
  })
})

describe('events that are not a call at all', () => {
  it('a missing, non-string or unknown action is refused with INVALID_INPUT for every function', async () => {
    const before = await snapshot(app)
    const events: [string, unknown][] = [
      ['no event', undefined], ['null event', null], ['string event', 'whoami'], ['array event', [{ action: 'list' }]], ['number event', 7],
      ['no action', { input: {} }], ['action null', { action: null }], ['action as number', { action: 1 }], ['action as operator', { action: { $ne: null } }],
      ['action as array', { action: ['get'] }], ['unknown action', { action: 'dropDatabase' }], ['action "__proto__"', { action: '__proto__' }],
      ['action "constructor"', { action: 'constructor' }], ['action "toString"', { action: 'toString' }], ['action "hasOwnProperty"', { action: 'hasOwnProperty' }],
      ['a 10,000-character action', { action: 'a'.repeat(10_000) }], ['timer event from a client', { Type: 'Timer', Time: new Date(w.now).toISOString(), TriggerName: 'hourly' }],
    ]
    const outcomes: Outcome[] = []
    for (const fn of [...FUNCTIONS, 'jobs']) {
      await inParallel(events, 4, async ([label, event]) => outcomes.push({ label: `${fn} ${label}`, envelope: await send(fn, event, w.manager.openid) }))
    }
    // A timer event is only ever the platform's timer: from a client it is FORBIDDEN, for every function.
    expect(refusalsThatFailed(outcomes, ['INVALID_INPUT', 'FORBIDDEN'])).toEqual([])
    expect(outcomes.filter((o) => o.envelope.error.code === 'FORBIDDEN').map((o) => o.label).sort()).toEqual([...FUNCTIONS, 'jobs'].map((fn) => `${fn} timer event from a client`).sort())
    expect(diffSnapshots(before, await snapshot(app))).toEqual([])
  })

  it('a call without an OPENID is refused with UNAUTHENTICATED for every action, with valid input', async () => {
    const before = await snapshot(app)
    const outcomes: Outcome[] = []
    await inParallel(samples, 4, async (s) => outcomes.push({ label: s.key, envelope: await send(s.fn, { action: s.action, input: s.input, ...s.extra }) }))
    expect(refusalsThatFailed(outcomes, ['UNAUTHENTICATED'])).toEqual([])
    expect(diffSnapshots(before, await snapshot(app))).toEqual([])
  })

  it('an event over 256 KB, or a 1 MB title, is refused with INVALID_INPUT for every action', async () => {
    const before = await snapshot(app)
    const outcomes: Outcome[] = []
    const pad300k = 'x'.repeat(300 * 1024)
    const title1m = '标'.repeat(1024 * 1024)
    await inParallel(samples, 3, async (s) => {
      const as = w.callers[s.by].openid
      outcomes.push({ label: `${s.key} 300 KB event`, envelope: await send(s.fn, { action: s.action, input: s.input, ...s.extra, padding: pad300k }, as) })
      outcomes.push({ label: `${s.key} 1 MB title`, envelope: await send(s.fn, { action: s.action, input: { ...s.input, title: title1m }, ...s.extra }, as) })
    })
    expect(refusalsThatFailed(outcomes, ['INVALID_INPUT'])).toEqual([])
    expect(diffSnapshots(before, await snapshot(app))).toEqual([])
  })
})

describe.each(FUNCTIONS)('%s: hostile input', (fn) => {
  it('malformed, missing, type-confused, oversized and operator-shaped inputs are refused with INVALID_INPUT and change nothing', async () => {
    const before = await snapshot(app)
    const outcomes: Outcome[] = []
    for (const s of samplesOf(fn)) {
      const cases = hostileCases(specOf(fn, s.action) as any, s.input)
      const as = w.callers[s.by].openid
      await inParallel(cases, 4, async (c) => outcomes.push({ label: `${s.key} by ${s.by}: ${c.name}`, envelope: await send(fn, { action: s.action, input: c.input, ...s.extra }, as) }))
    }
    expect(outcomes.length).toBeGreaterThan(0)
    expect(refusalsThatFailed(outcomes, ['INVALID_INPUT'])).toEqual([])
    expect(diffSnapshots(before, await snapshot(app))).toEqual([])
  })

  it('callers without the right are refused with FORBIDDEN or NOT_FOUND and change nothing', async () => {
    const before = await snapshot(app)
    const outcomes: Outcome[] = []
    const expected = new Map<string, string[]>()
    for (const s of samplesOf(fn)) {
      for (const [who, codes] of Object.entries(s.deny)) {
        const label = `${s.key} by ${who}`
        expected.set(label, codes!)
        outcomes.push({ label, envelope: await send(fn, { action: s.action, input: s.input, ...s.extra }, w.callers[who as keyof HostileWorld['callers']].openid) })
      }
    }
    const wrong = outcomes.flatMap((o) => refusalsThatFailed([o], expected.get(o.label)!))
    expect(wrong).toEqual([])
    expect(diffSnapshots(before, await snapshot(app))).toEqual([])
  })
})

describe('what the hostile inputs did not reach', () => {
  it('no refusal was an INTERNAL error, a crash or a timeout of a function instance', async () => {
    const { body } = await app.cloud.fetchJson('/dev/metrics')
    const perFunction = body.functions ?? body
    const failures = Object.entries<any>(perFunction).filter(([, m]) => m && (m.crashes > 0 || m.timeouts > 0)).map(([name, m]) => `${name}: crashes ${m.crashes} timeouts ${m.timeouts}`)
    expect(failures).toEqual([])
    expect(app.cloud.output().stderr).not.toMatch(/\[internal\]/)
  })

  it('each sample, sent by its rightful caller, succeeds: the refusals above were about the attack, not a broken sample', async () => {
    // Order matters only for samples sharing a document: check in before completing, unbind last.
    const order = (s: Sample) => (s.key === 'projects.unbindGroup' ? 2 : s.key === 'visits.complete' || s.key.includes('solve_on_spot') ? 1 : 0)
    const failures: string[] = []
    for (const s of [...samples].sort((a, b) => order(a) - order(b))) {
      const envelope = await send(s.fn, { action: s.action, input: s.input, ...s.extra }, w.callers[s.by].openid)
      if (!envelope?.ok) failures.push(`${s.key} by ${s.by}: ${envelope?.error?.code} ${envelope?.error?.message}`)
    }
    expect(failures).toEqual([])
  })

  it('every query the functions issued under attack is served by an index declared in database/', async () => {
    expect(await unindexedQueries(app)).toEqual([])
  })
})
