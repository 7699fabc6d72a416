/**
 * Synthetic but product-shaped data for the scale benchmark. Every issue is made by the domain
 * itself — createIssue, then transition() step by step with a simulated clock — and stored with
 * issueFacts(issue, calendar) exactly as server/issues/handlers.ts and server/repo/issueDesk.ts store it; the
 * calendar is buildCalendar([]) (what loadCalendar() builds from an empty calendars collection).
 * Visits are plannedVisit + completeVisit from src/domain/visits. Seeded: the same run, the same data.
 */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { buildCalendar } from '../../src/domain/calendar'
import { CATEGORIES, DEFAULT_DESK_CONFIG, type IssueCtx, createIssue, transition } from '../../src/domain/issue'
import { issueFacts } from '../../src/domain/metrics/facts'
import { DAY_MS, HOUR_MS, addWeeks, startOfDay, weekKey, ymdOf } from '../../src/domain/time'
import type { Caller, Issue, SystemCaller, Visit } from '../../src/domain/types'
import { completeVisit, plannedVisit } from '../../src/domain/visits'

export interface ZoneIds {
  manager: string
  /** teamId → the staff member's openid (a real user made through the invite flow). */
  staff: Record<string, string>
  /** departmentId → the handler's openid. */
  handlers: Record<string, string>
  departmentIds: string[]
  projects: { _id: string; teamId: string; visitWeekday: number }[]
}

export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TITLES = ['厂房消防验收排期', '用电增容报装', '人才公寓申请', '环评批复进度', '道路开口审批', '高新企业认定咨询', '招工难需对接', '贷款贴息申请', '土地证办理', '排污许可变更', '专利质押融资', '展会补贴政策']
const ANSWERS = ['已于本周安排现场验收，联系人王工，电话已告知企业。', '已协调供电公司，下周二上门勘察并出具方案。', '材料已齐，审批将在五个工作日内办结。']

export class IssueFactory {
  readonly calendar: WorkCalendar = buildCalendar([])
  private rand: () => number
  private seq: number
  /** `firstSeq`: where this factory's issue numbers (ids, titles, request ids) start — factories side by side use far apart ones. */
  constructor(private zone: ZoneIds, private now: number, seed = 42, firstSeq = 0) {
    this.rand = rng(seed)
    this.seq = firstSeq
  }

  private pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.rand() * xs.length)] }
  /** A moment `days` (fractional, ≥ 0) after t, moved into 09:00–18:00 Shanghai. */
  private later(t: number, minHours: number, maxDays: number): number {
    const x = Math.round(t + minHours * HOUR_MS + this.rand() * maxDays * DAY_MS)
    const dayStart = startOfDay(ymdOf(x))
    const hour = (x - dayStart) / HOUR_MS
    return hour < 9 || hour >= 18 ? Math.round(dayStart + (9 + this.rand() * 8) * HOUR_MS + (hour >= 18 ? DAY_MS : 0)) : x
  }

  private ctx(now: number): IssueCtx { return { now, calendar: this.calendar, config: DEFAULT_DESK_CONFIG, departmentHasHandler: () => true } }

  /** One issue of a random project, raised some time in the year before `now`, taken as far as its clock allows. */
  make(): Issue & { facts: unknown } {
    const n = this.seq++
    const p = this.pick(this.zone.projects)
    const liaison: Caller = { openid: `o_liaison_${p._id}`, roles: ['liaison'], projectIds: [p._id], registeredIn: [p._id] }
    const staff: Caller = { openid: this.zone.staff[p.teamId], roles: ['staff'], teamId: p.teamId, projectIds: [] }
    const manager: Caller = { openid: this.zone.manager, roles: ['manager'], projectIds: [] }
    const system: SystemCaller = { system: true }
    const raisedAt = this.later(this.now - 364 * DAY_MS, 0, 363)
    const fromVisit = this.rand() < 0.3
    const category = this.pick(CATEGORIES).id
    const created = createIssue({
      projectId: p._id, teamId: p.teamId, source: fromVisit ? 'visit' : 'group',
      ...(fromVisit ? { visitId: `${p._id}_${weekKey(raisedAt)}` } : {}),
      category, title: `${this.pick(TITLES)}（${n}）`,
      description: '企业反映：该事项已拖延多时，影响正常生产经营，请协调有关部门尽快办理。联系人 13812345678。',
      photos: this.rand() < 0.3 ? [`cloud://local-env.6c6f-local-env-1250000000/issues/${n}.jpg`] : [],
      urgency: this.rand() < 0.1 ? 'urgent' : 'normal',
      clientRequestId: `bench_${n.toString(36)}_${Math.floor(this.rand() * 1e9).toString(36)}`,
    }, fromVisit ? staff : liaison, { ...this.ctx(raisedAt), id: `bi${n.toString(36).padStart(7, '0')}` })
    if (!created.ok) throw new Error(`createIssue: ${created.error.code} ${created.error.message}`)
    let issue = created.value
    let t = raisedAt
    const step = (cmd: any, who: Caller | SystemCaller, at: number): boolean => {
      if (at > this.now) return false
      const r = transition(issue, cmd, who, this.ctx(at))
      if (!r.ok) throw new Error(`${cmd.action} from ${issue.state}: ${r.error.code} ${r.error.message}`)
      if (r.value) issue = r.value.issue
      t = at
      return true
    }
    const lead = this.pick(this.zone.departmentIds)
    const handler: Caller = { openid: this.zone.handlers[lead], roles: ['handler'], departmentId: lead, projectIds: [] }
    const roll = this.rand()
    run: {
      if (roll < 0.03) { step({ action: 'withdraw', reason: '企业已自行解决' }, liaison, this.later(t, 1, 2)); break run }
      if (roll < 0.06) { step({ action: 'decline', reason: '不属于服务范围，已告知企业' }, staff, this.later(t, 1, 2)); break run }
      if (roll < 0.16) {
        if (!step({ action: 'solve_on_spot', text: '现场已协调解决，企业认可。' }, staff, this.later(t, 0.5, 1))) break run
      } else {
        const assist = this.rand() < 0.3 ? [this.pick(this.zone.departmentIds.filter((d) => d !== lead))] : []
        if (!step({ action: 'dispatch', leadDepartmentId: lead, assistDepartmentIds: assist, category }, staff, this.later(t, 1, 1.5))) break run
        if (this.rand() < 0.05 && !step({ action: 'supervise', reason: '企业反映强烈，列入督办' }, manager, this.later(t, 1, 1))) break run
        if (!step({ action: 'sign_for' }, handler, this.later(t, 1, this.rand() < 0.1 ? 5 : 2))) break run
        if (this.rand() < 0.1) {
          if (!step({ action: 'request_materials', reason: '请提供相关证照复印件' }, handler, this.later(t, 2, 3))) break run
          if (!step({ action: 'add_materials', text: '已补充', files: [] }, liaison, this.later(t, 2, 4))) break run
        }
        for (let round = 0; round < 2; round++) {
          if (!step({ action: 'answer', text: this.pick(ANSWERS) }, handler, this.later(t, 4, this.rand() < 0.15 ? 25 : 8))) break run
          const passed = round === 1 || this.rand() < 0.9
          const checklist = { solved: passed, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }
          if (!step({ action: 'review', passed, checklist, ...(passed ? {} : { note: '答复不具体，请补充办理时限' }) }, staff, this.later(t, 1, 2))) break run
          if (passed) break
        }
      }
      if (issue.state !== 'resolved') break run
      if (this.rand() < 0.15) { if (issue.confirmDue !== undefined) step({ action: 'auto_close' }, system, issue.confirmDue + HOUR_MS); break run }
      const r = this.rand()
      const resolution = r < 0.8 ? 'solved' : r < 0.95 ? 'partly' : 'unsolved'
      const rating = resolution === 'solved' ? (this.rand() < 0.85 ? 'satisfied' : 'basically') : resolution === 'partly' ? 'basically' : 'unsatisfied'
      step({ action: 'confirm', resolution, rating, acknowledgeMismatch: true, ...(resolution === 'solved' ? {} : { comment: '仍有部分诉求未落实，请继续跟进' }) }, liaison, this.later(t, 1, 4))
    }
    // The daily sweep's 督办 ladder, as of now, for what is still open and late.
    if (!['closed', 'withdrawn', 'declined'].includes(issue.state)) step({ action: 'escalate' }, system, this.now)
    const { _id, ...doc } = issue
    return { _id, ...doc, facts: issueFacts(issue, this.calendar) } as Issue & { facts: unknown }
  }
}

/** 52 weeks of visits per project up to the week before `now` (85 % done), and this week's planned one. */
export function* visitsFor(zone: ZoneIds, now: number, weeks = 52, seed = 7): Generator<Visit> {
  const rand = rng(seed)
  const thisWeek = weekKey(now)
  for (const p of zone.projects) {
    for (let i = weeks - 1; i >= 0; i--) {
      const wk = addWeeks(thisWeek, -i)
      const planned = plannedVisit(p, wk, now - (i + 1) * 7 * DAY_MS)
      if (i === 0 || rand() >= 0.85) { yield planned; continue }
      const at = Math.round(startOfDay(planned.plannedDate) + (10 + rand() * 6) * HOUR_MS)
      const done = completeVisit(planned, {
        clientRequestId: `bench_v_${p._id}_${wk}`,
        checkIn: { latitude: 31.2 + rand() / 10, longitude: 121.4 + rand() / 10, accuracy: 20 },
        attendees: [{ name: '李明', side: 'government' }, { name: '张总', side: 'enterprise', title: '总经理' }],
        minutes: '走访企业，了解生产经营情况，回顾上周问题办理进度。',
        photos: [],
        followUps: [],
      }, zone.staff[p.teamId], at)
      if (!done.ok) throw done.error
      yield done.value.visit
    }
  }
}
