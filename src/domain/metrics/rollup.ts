/**
 * Rollups: the counters of counters.ts summed ahead of time, per day and per group, so the dashboard
 * reads a few documents per group instead of every issue that touches the period.
 *
 * An issue's CONTRIBUTION is a pure function of its facts (contributionOf): for every dated counter,
 * what the issue adds on the day of the counter's date (countedDay: an instant at 24:00 counts in the
 * day that ends there); for the "now" figures (在办, 黄牌, 红牌, 督办中), what it adds today. Only three
 * counters move with the clock, each at one instant of the issue's own: 响应率's and 按期办结率's
 * denominators when the sign-for / answer deadline passes (an undecided issue counts once its deadline
 * is behind `now`), and 当前逾期 when the running deadline passes. For those the contribution holds the
 * value before the instant and, apart, what passing it adds, filed under the hour of the instant
 * (`responseDue@17` = the hour 16:00–17:00 of that day). A reader adds the hours that ended before
 * `now` and computes the one hour that holds `now` live (rollupRead.ts).
 *
 * The contribution goes to two views — by department, and by project with its team — each a set of
 * documents `<view>|<group>|<YYYY-MM>` (the month's days) and `<view>|<group>|now` (the now figures and
 * the running deadlines by day and hour). Every issue is in exactly one group of each view, so either
 * view sums to the zone.
 *
 * The issue records the contribution the rollups hold for it (`rollup`, encodeContribution); the one
 * maintainer moves an issue from its recorded contribution to contributionOf(facts) — the difference,
 * rollupChanges — and records the new one, all in one transaction (server/repo/rollups.ts).
 */
import { HOUR_MS, countedDay, startOfDay } from '../time'
import { type Counter, contribution, counters } from './counters'
import type { IssueFacts, Period } from './figures'

/**
 * By department; and by project with its team (an issue keeps the team it was raised under, so the team
 * breakdown adds up the project documents by their team).
 */
export type RollupView = 'department' | 'project'
export const ROLLUP_VIEWS: readonly RollupView[] = ['department', 'project']

/** Issues raised (not repeats), by day: the weekly chart's 新增 (its 办结 is the `settled` counter). */
export const OPENED = 'opened'
/** The bucket of the now figures. */
export const NOW_BUCKET = 'now'
/** The fact whose instant a now counter (当前逾期) switches at. */
export const NOW_SWITCH: keyof IssueFacts = 'runningDue'

/** What one issue adds to the rollups. */
export interface Contribution {
  /** The groups it counts in: department (null until dispatched), team, project. */
  g: [string | null, string, string]
  /**
   * `<day> <field>` → amount, where field is a counter or `<counter>@<hh>` (what passing a deadline in
   * hour hh of that day adds; hh 01–24, hour 24 ends at 24:00), or `now <counter>` for a now figure.
   */
  e: Map<string, number>
}

/** How the contribution is recorded on the issue: groups, and the entries as one sorted string. */
export interface RecordedContribution {
  g: [string | null, string, string]
  e: string
}

/**
 * The note a step leaves in the issue's outbox (in its own conditional update) when it changed the
 * facts: the rollups owe this issue "old out, new in". The maintainer removes it with the move.
 */
export interface RollupMark {
  id: string
  at: number
  rollup: true
}

export const rollupMark = (version: number, at: number): RollupMark => ({ id: `r${version}`, at, rollup: true })
export const isRollupMark = (entry: unknown): entry is RollupMark => !!entry && (entry as { rollup?: unknown }).rollup === true

/** A rollup document: one group of one view, one month (or the now figures). */
export interface RollupDoc {
  _id: string
  view: RollupView
  /** The department (null: not dispatched yet), or the project. */
  key: string | null
  /** The project view: the issues' team. */
  team?: string
  /** 'YYYY-MM', or 'now'. */
  bucket: string
  /** day → field → sum; fields as in Contribution (the now document: `overdue@hh` by running deadline). */
  days: Record<string, Record<string, number>>
  /** The now document: 在办 and its marks (open, yellow, red, supervised). */
  n?: Record<string, number>
}

const WHOLE: Period = { from: -Infinity, to: Infinity }
/** Every counter as it reads before any deadline has passed, and once every deadline has. */
const BEFORE: readonly Counter[] = counters(WHOLE, -Infinity)
const AFTER: readonly Counter[] = counters(WHOLE, Infinity)
const WHEN: ReadonlyMap<string, Counter['when']> = new Map(BEFORE.map((c) => [c.name, c.when]))

/** The hour (1–24) of its day that an instant falls in, the day as countedDay gives it: (hh-1, hh]. */
export function hourOf(t: number): number {
  return Math.max(1, Math.ceil((t - startOfDay(countedDay(t))) / HOUR_MS))
}
const hh = (h: number): string => String(h).padStart(2, '0')
/** The instant the hour `hh` of `day` ends. */
export const hourEnd = (day: string, hour: number): number => startOfDay(day) + hour * HOUR_MS

/** Splits `counter@hh` into the counter and the hour (0 when the field is not an hour's). */
export function fieldParts(field: string): { name: string; hour: number } {
  let parts = FIELD_PARTS.get(field)
  if (!parts) {
    const at = field.indexOf('@')
    parts = at < 0 ? { name: field, hour: 0 } : { name: field.slice(0, at), hour: Number(field.slice(at + 1)) }
    if (FIELD_PARTS.size < 10_000) FIELD_PARTS.set(field, parts)
  }
  return parts
}
/** Fields are a small vocabulary (counters × 24 hours), read once per entry of every document the dashboard sums. */
const FIELD_PARTS = new Map<string, { name: string; hour: number }>()

/** What passing one of its deadlines adds to a counter of this issue: the counter, the instant, the amount. */
export interface Passing {
  counter: Counter
  t: number
  amount: number
}

/** Every counter that moves with the clock for this issue, with the instant it moves at (the rest do not move). */
export function passingsOf(f: IssueFacts): Passing[] {
  const out: Passing[] = []
  for (let i = 0; i < BEFORE.length; i++) {
    const amount = contribution(AFTER[i], f) - contribution(BEFORE[i], f)
    const t = f[(BEFORE[i].when ?? NOW_SWITCH) as keyof IssueFacts] as number | null
    if (amount !== 0 && t !== null) out.push({ counter: BEFORE[i], t, amount })
  }
  return out
}

/**
 * The contribution of one issue: a pure function of its facts.
 * @example contributionOf(facts).e.get('2026-11-25 settled') // 1 when the issue was confirmed on Nov 25
 */
export function contributionOf(f: IssueFacts): Contribution {
  const e = new Map<string, number>()
  const add = (key: string, n: number) => {
    if (n !== 0) e.set(key, (e.get(key) ?? 0) + n)
  }
  for (const c of BEFORE) {
    const lo = contribution(c, f)
    if (lo === 0) continue
    if (c.when === null) add(`${NOW_BUCKET} ${c.name}`, lo)
    else add(`${countedDay(f[c.when] as number)} ${c.name}`, lo)
  }
  for (const p of passingsOf(f)) add(`${countedDay(p.t)} ${p.counter.name}@${hh(hourOf(p.t))}`, p.amount)
  if (!f.isRepeat) add(`${countedDay(f.raisedAt)} ${OPENED}`, 1)
  return { g: [f.departmentId, f.teamId, f.projectId], e }
}

export function encodeContribution(c: Contribution): RecordedContribution {
  const parts = [...c.e].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { g: c.g, e: parts.map(([k, n]) => (n === 1 ? k : `${k}*${n}`)).join(';') }
}

export function decodeContribution(r: RecordedContribution): Contribution {
  const e = new Map<string, number>()
  if (r.e)
    for (const part of r.e.split(';')) {
      const star = part.lastIndexOf('*')
      if (star < 0) e.set(part, 1)
      else e.set(part.slice(0, star), Number(part.slice(star + 1)))
    }
  return { g: [r.g[0] ?? null, r.g[1], r.g[2]], e }
}

export const sameContribution = (a: RecordedContribution | null | undefined, b: RecordedContribution): boolean =>
  !!a && a.e === b.e && a.g[0] === b.g[0] && a.g[1] === b.g[1] && a.g[2] === b.g[2]

export const rollupId = (view: RollupView, key: string | null, bucket: string, team?: string): string =>
  view === 'project' ? `project|${key}~${team}|${bucket}` : `${view}|${key ?? ''}|${bucket}`

/** The group of each view a contribution counts in. */
const groupOf = (g: Contribution['g'], view: RollupView): { key: string | null; team?: string } =>
  view === 'department' ? { key: g[0] } : { key: g[2], team: g[1] }

/** Where an entry lands: the document's bucket, and the day (null: the now figures) and field in it. */
function placeOf(entry: string): { bucket: string; day: string | null; field: string } {
  const space = entry.indexOf(' ')
  const day = entry.slice(0, space)
  const field = entry.slice(space + 1)
  if (day === NOW_BUCKET) return { bucket: NOW_BUCKET, day: null, field }
  return { bucket: WHEN.get(fieldParts(field).name) === null ? NOW_BUCKET : day.slice(0, 7), day, field }
}

/** What to add to one rollup document (negative: taken out). */
export interface RollupDelta {
  _id: string
  view: RollupView
  key: string | null
  team?: string
  bucket: string
  add: Map<string, number>
}

/**
 * "Old out, new in": per rollup document, what moving an issue from `old` (null: nothing recorded)
 * to `next` adds. Documents with nothing to add are left out.
 */
export function rollupChanges(old: Contribution | null, next: Contribution): Map<string, RollupDelta> {
  const out = new Map<string, RollupDelta>()
  const apply = (c: Contribution, sign: 1 | -1) => {
    for (const [entry, n] of c.e) {
      const { bucket, day, field } = placeOf(entry)
      const slot = day === null ? `n ${field}` : `${day} ${field}`
      for (const view of ROLLUP_VIEWS) {
        const { key, team } = groupOf(c.g, view)
        const _id = rollupId(view, key, bucket, team)
        let d = out.get(_id)
        if (!d) out.set(_id, (d = { _id, view, key, ...(team === undefined ? {} : { team }), bucket, add: new Map() }))
        d.add.set(slot, (d.add.get(slot) ?? 0) + sign * n)
      }
    }
  }
  if (old) apply(old, -1)
  apply(next, 1)
  for (const [id, d] of out) {
    for (const [slot, n] of d.add) if (n === 0) d.add.delete(slot)
    if (d.add.size === 0) out.delete(id)
  }
  return out
}

/** Several issues' deltas as one per document (what a batched move applies); sums of zero left out. */
export function mergeDeltas(deltas: Iterable<RollupDelta>): RollupDelta[] {
  const out = new Map<string, RollupDelta>()
  for (const d of deltas) {
    const into = out.get(d._id)
    if (!into) { out.set(d._id, { ...d, add: new Map(d.add) }); continue }
    for (const [slot, n] of d.add) into.add.set(slot, (into.add.get(slot) ?? 0) + n)
  }
  for (const [id, d] of out) {
    for (const [slot, n] of d.add) if (n === 0) d.add.delete(slot)
    if (d.add.size === 0) out.delete(id)
  }
  return [...out.values()]
}

/** A rollup document after a delta; null when nothing is left in it (the document is removed). */
export function applyDelta(doc: RollupDoc | null, d: RollupDelta): RollupDoc | null {
  const days: RollupDoc['days'] = {}
  for (const [day, fields] of Object.entries(doc?.days ?? {})) days[day] = { ...fields }
  const n: Record<string, number> = { ...(doc?.n ?? {}) }
  for (const [slot, amount] of d.add) {
    const space = slot.indexOf(' ')
    const where = slot.slice(0, space)
    const field = slot.slice(space + 1)
    const target = where === 'n' ? n : (days[where] ??= {})
    const sum = (target[field] ?? 0) + amount
    if (sum === 0) delete target[field]
    else target[field] = sum
    if (where !== 'n' && Object.keys(target).length === 0) delete days[where]
  }
  const empty = Object.keys(days).length === 0 && Object.keys(n).length === 0
  if (empty) return null
  const team = d.team === undefined ? {} : { team: d.team }
  return { _id: d._id, view: d.view, key: d.key, ...team, bucket: d.bucket, days, ...(d.bucket === NOW_BUCKET ? { n } : {}) }
}

/** Adds one contribution to a set of documents built in memory (the rebuild, the bench, the tests). */
export function accumulate(docs: Map<string, RollupDoc>, c: Contribution): void {
  for (const d of rollupChanges(null, c).values()) {
    const next = applyDelta(docs.get(d._id) ?? null, d)
    if (next) docs.set(d._id, next)
    else docs.delete(d._id)
  }
}

/** The rollup documents of a set of issues built from scratch. */
export function rollupsOf(contributions: Iterable<Contribution>): Map<string, RollupDoc> {
  const docs = new Map<string, RollupDoc>()
  for (const c of contributions) accumulate(docs, c)
  return docs
}

/** A document's sums as one canonical string (keys sorted, zeros dropped): equal sums, equal strings. */
function sumsText(doc: RollupDoc | undefined): string {
  if (!doc) return ''
  const parts: string[] = []
  for (const [day, fields] of Object.entries(doc.days ?? {}))
    for (const [field, n] of Object.entries(fields)) if (n !== 0) parts.push(`${day} ${field}=${n}`)
  for (const [field, n] of Object.entries(doc.n ?? {})) if (n !== 0) parts.push(`n ${field}=${n}`)
  return parts.sort().join(';')
}

/** The ids of the documents whose sums differ between `expected` and `stored` (a missing document is empty). */
export function rollupDifferences(expected: ReadonlyMap<string, RollupDoc>, stored: readonly RollupDoc[]): string[] {
  const byId = new Map(stored.map((d) => [d._id, d]))
  const ids = new Set([...expected.keys(), ...byId.keys()])
  return [...ids].filter((id) => sumsText(expected.get(id)) !== sumsText(byId.get(id))).sort()
}

/** The months ('YYYY-MM') of the days from `first` to `last` ('YYYY-MM-DD', inclusive). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = []
  let y = Number(first.slice(0, 4))
  let m = Number(first.slice(5, 7))
  const end = last.slice(0, 7)
  for (let i = 0; i < 1200; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    out.push(key)
    if (key >= end) break
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return out
}
