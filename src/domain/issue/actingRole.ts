/**
 * Who is acting: resolves a caller to the role it acts in for one action on one issue, using the
 * lifecycle table. Also `availableActions` (what the UI offers) and `canView`.
 */
import { type Result, fail, ok } from '../errors'
import type { Caller, Issue, Role, SystemCaller } from '../types'
import {
  COMMAND_ACTIONS,
  type CommandAction,
  LIFECYCLE,
  type Relation,
  ROLE_NAMES,
  isSystemCaller,
  isVisitAction,
} from './lifecycle'
import type { Actor, IssueCtx } from './context'
import { guard } from './guards'

const hasHandler = (ctx: IssueCtx, id: string): boolean => ctx.departmentHasHandler?.(id) ?? true

/** Departments without a handler that `staff` could record for under this relation. */
export function behalfCandidates(issue: Issue, relation: Relation, ctx: IssueCtx): string[] {
  const ids =
    relation === 'team_for_lead'
      ? issue.leadDepartmentId
        ? [issue.leadDepartmentId]
        : []
      : relation === 'team_for_assist'
        ? issue.assistDepartmentIds
        : []
  return ids.filter((id) => !hasHandler(ctx, id))
}

function relates(issue: Issue, caller: Caller, relation: Relation, ctx: IssueCtx): boolean {
  const dept = caller.departmentId
  switch (relation) {
    case 'member':
      return caller.projectIds.includes(issue.projectId)
    case 'team':
      return !!caller.teamId && caller.teamId === issue.teamId
    case 'team_for_lead':
    case 'team_for_assist':
      return !!caller.teamId && caller.teamId === issue.teamId && behalfCandidates(issue, relation, ctx).length > 0
    case 'lead':
      return !!dept && dept === issue.leadDepartmentId
    case 'assist':
      return !!dept && issue.assistDepartmentIds.includes(dept)
    case 'lead_or_assist':
      return !!dept && (dept === issue.leadDepartmentId || issue.assistDepartmentIds.includes(dept))
    case 'always':
      return true
    case 'timer':
      return false
  }
}

/** The role the caller acts in for `action` on `issue`, or FORBIDDEN. */
export function resolveActor(
  issue: Issue,
  action: CommandAction,
  caller: Caller | SystemCaller,
  ctx: IssueCtx,
): Result<Actor> {
  const rule = LIFECYCLE[action]
  if (isSystemCaller(caller))
    return rule.roles.system ? ok({ by: 'system', role: 'system' }) : fail('FORBIDDEN', `系统不能${rule.label}`)
  if (rule.roles.system) return fail('FORBIDDEN', `「${rule.label}」只由系统定时执行`)
  const held = (Object.keys(rule.roles) as Role[]).filter((r) => caller.roles.includes(r))
  if (held.length === 0)
    return fail('FORBIDDEN', `${caller.roles.map((r) => ROLE_NAMES[r]).join('、') || '当前用户'}不能${rule.label}`)
  for (const role of held) {
    const relation = rule.roles[role] as Relation
    if (!relates(issue, caller, relation, ctx)) continue
    const behalf = behalfCandidates(issue, relation, ctx)
    return ok({ by: caller.openid, role, ...(relation === 'team_for_lead' ? { onBehalfOf: behalf[0] } : {}) })
  }
  return fail('FORBIDDEN', `无权对该问题${rule.label}：${describeMismatch(held)}`)
}

function describeMismatch(roles: Role[]): string {
  if (roles.includes('handler')) return '问题未交办给您所在的部门'
  if (roles.includes('liaison')) return '您不是该项目的成员'
  return '该问题不属于您的服务团队（或部门已有经办人）'
}

/**
 * The actions the caller may take on the issue now: role, relation, state and the action's guard
 * (guards.ts) — the same checks `transition` makes, short of the command's own data. Linking a repeat
 * is offered when there is a likely original to link to. 回头看 is written by completing a visit,
 * so the issue page never offers it.
 */
export function availableActions(issue: Issue, caller: Caller | SystemCaller, ctx: IssueCtx): CommandAction[] {
  return COMMAND_ACTIONS.filter((a) => {
    if (isVisitAction(a) || !LIFECYCLE[a].from.includes(issue.state)) return false
    if (a === 'link_repeat' && !issue.suggestedRepeatOf) return false
    const actor = resolveActor(issue, a, caller, ctx)
    return actor.ok && guard(a, issue, actor.value, ctx).ok
  })
}

/** Who may read the issue, and as what (the most privileged role wins; handlers get a redacted view). */
export function viewerRole(issue: Issue, caller: Caller): Role | null {
  const c = {} as IssueCtx // the relations used here do not read the context
  if (caller.roles.includes('manager')) return 'manager'
  if (caller.roles.includes('staff') && relates(issue, caller, 'team', c)) return 'staff'
  if (caller.roles.includes('liaison') && relates(issue, caller, 'member', c)) return 'liaison'
  if (caller.roles.includes('handler') && relates(issue, caller, 'lead_or_assist', c)) return 'handler'
  return null
}
