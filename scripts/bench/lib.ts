/** Small helpers shared by the benchmark parts: statistics, aligned tables, a progress bar, a clock. */
import { unwrap } from '../../src/domain/contract/envelope'
import { type LocalCloudHandle } from '../../test/support/localCloud'

export const median = (xs: number[]): number => quantile(xs, 0.5)
export const p95 = (xs: number[]): number => quantile(xs, 0.95)
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  // nearest-rank
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}
export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x)

/** Aligned columns: numbers right-aligned, text left-aligned. Returns the lines. */
export function table(head: string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmtNum(c) : c)))]
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0)
  const w = head.map((_, i) => Math.max(...cells.map((r) => width(String(r[i] ?? '')))))
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[\d.,×x%+−-]+|—$/.test(String(r[i]))))
  const line = (r: (string | number)[]) =>
    r.map((c, i) => { const s = String(c ?? ''); const pad = ' '.repeat(Math.max(0, w[i] - width(s))); return numeric[i] ? pad + s : s + pad }).join('  ').trimEnd()
  return [line(cells[0]), w.map((n) => '-'.repeat(n)).join('  '), ...cells.slice(1).map(line)]
}
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return '—'
  if (Number.isInteger(x)) return x.toLocaleString('en-US')
  return x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: Math.abs(x) < 10 ? 2 : 1 })
}

export function printTable(title: string, head: string[], rows: (string | number)[][], notes: string[] = []): void {
  console.log(`\n${title}`)
  for (const l of table(head, rows)) console.log(`  ${l}`)
  for (const n of notes) console.log(`  ${n}`)
}

/** A progress bar on stderr (redrawn in place on a TTY, a line every 10 % otherwise). */
export class Progress {
  private last = -1
  private started = Date.now()
  constructor(private label: string, private total: number) {}
  update(done: number): void {
    const pct = Math.floor((done / this.total) * 100)
    const tty = process.stderr.isTTY
    if (pct === this.last || (!tty && pct % 10 !== 0 && done !== this.total)) return
    this.last = pct
    const w = 30
    const fill = Math.round((done / this.total) * w)
    const secs = ((Date.now() - this.started) / 1000).toFixed(1)
    const text = `${this.label} [${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${pct}% ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} ${secs}s`
    process.stderr.write(tty ? `\r${text}${done >= this.total ? '\n' : ''}` : `${text}\n`)
  }
}

export interface Stats {
  dbRoundTrips: number; docsExamined: number; docsReturned: number; ms: number
  /** Database round trips before the reply was ready, how many of them ran one after another, and those sent after it. */
  replyTrips?: number; replyDepth?: number; afterTrips?: number
}
export interface Measured { stats: Stats; wallMs: number; result: any }

/** One mini-program call (POST /functions/<name>) with the envelope checked; the stats from x-local-cloud-stats. */
export async function invoke(cloud: LocalCloudHandle, openid: string, fn: string, action: string, input: unknown, extra: Record<string, unknown> = {}): Promise<Measured> {
  const t = performance.now()
  const res = await cloud.call(fn, { ...extra, action, input }, openid)
  const wallMs = performance.now() - t
  if (res.errCode !== undefined) throw new Error(`${fn}.${action} failed in the cloud: ${res.errCode} ${res.errMsg}`)
  return { stats: res.stats, wallMs, result: unwrap(res.result, `${fn}.${action}`) }
}

export async function setClock(cloud: LocalCloudHandle, now: number): Promise<void> {
  const { status } = await cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) })
  if (status !== 200) throw new Error(`clock: ${status}`)
}
