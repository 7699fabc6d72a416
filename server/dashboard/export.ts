import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import { CATEGORIES, LADDER_NAMES, RATING_NAMES, RESOLUTION_NAMES, STATE_NAMES } from '../../src/domain/issue'
import { periodWeeks } from '../../src/domain/metrics'
import { maskPhonesIn } from '../../src/domain/masking'
import { resolvePeriod } from '../../src/domain/period'
import type { exportInput } from '../../src/domain/schemas/dashboard'
import { ymdOf } from '../../src/domain/time'
import { buildXlsx } from '../export/xlsx'
import type { ActionContext } from '../runtime/entry'
import { allDepartments } from '../repo/departments'
import { raisedForExport } from '../repo/issues'
import { projectRoster } from '../repo/projects'
import { visitsOfWeeks } from '../repo/visits'
import { saveExport } from '../files/exports'

const day = (ms?: number): string => (ms ? ymdOf(ms) : '')
const categoryName = (id: string): string => CATEGORIES.find((c) => c.id === id)?.name ?? id

/**
 * The period's issues and visits as an xlsx in cloud storage, under an unguessable name, with a link
 * that lives 15 minutes; the hourly job deletes it after a day. Every phone number in a text is masked; issues go by case number.
 */
export async function exportPeriod(input: v.InferOutput<typeof exportInput>, ctx: ActionContext) {
  requireRole(ctx.caller, 'dashboard.export')
  const period = resolvePeriod(input.period, ctx.now)
  const [issues, visits, projects, departments] = await Promise.all([
    raisedForExport(period.from, period.to),
    visitsOfWeeks(periodWeeks(period, ctx.now)),
    projectRoster(),
    allDepartments(),
  ])
  const projectName = new Map(projects.map((p) => [p._id, p.name]))
  const deptName = new Map<string, string>(departments.map((d) => [d._id, d.name]))
  const file = buildXlsx([
    {
      name: '诉求',
      columns: [
        { header: '编号', width: 14 }, { header: '项目', width: 24 }, { header: '类别' }, { header: '标题', width: 30 },
        { header: '状态' }, { header: '主办部门', width: 16 }, { header: '提出日期' }, { header: '签收期限' }, { header: '答复期限' },
        { header: '办结日期' }, { header: '解决情况' }, { header: '评价' }, { header: '督办' }, { header: '退回次数' }, { header: '重办次数' },
      ],
      rows: issues.map((i) => [
        i.caseNo ?? '', projectName.get(i.projectId) ?? '', categoryName(i.category), maskPhonesIn(i.title), STATE_NAMES[i.state],
        i.leadDepartmentId ? deptName.get(i.leadDepartmentId) ?? '' : '', day(i.raisedAt), day(i.signForDue), day(i.answerDue),
        day(i.closedAt), i.confirmation ? RESOLUTION_NAMES[i.confirmation.resolution] : i.autoClosed ? '超时自动办结' : '',
        i.confirmation ? RATING_NAMES[i.confirmation.rating] : '', [LADDER_NAMES[i.ladder], i.supervised ? '督办' : ''].filter(Boolean).join(' '),
        i.returnCount, i.reopenCount,
      ]),
    },
    {
      name: '走访',
      columns: [{ header: '周次' }, { header: '项目', width: 24 }, { header: '计划日期' }, { header: '状态' }, { header: '参加人数' }, { header: '纪要', width: 60 }, { header: '照片数' }],
      rows: visits.map((x) => [
        x.weekKey, projectName.get(x.projectId) ?? '', x.plannedDate, { planned: '待走访', done: '已走访', missed: '未走访' }[x.status],
        x.attendees.length, maskPhonesIn(x.minutes), x.photos.length,
      ]),
    },
  ])
  const { fileID, tempFileURL } = await saveExport(file, ctx.now, ctx.openid)
  return { fileID, tempFileURL, issues: issues.length, visits: visits.length }
}
