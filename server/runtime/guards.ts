// The functions' guards: the domain answers who may do what (src/domain/permissions.ts); a guard turns a
// "no" into the refusal the entry sends back, here at the boundary.
import { type GuardedAction, canSeeProject, mayTake } from '../../src/domain/permissions'
import { AppError } from '../../src/domain/errors'
import type { Caller, Project } from '../../src/domain/types'

export function requireRole(caller: Pick<Caller, 'roles'>, action: GuardedAction): void {
  if (!mayTake(caller, action)) throw new AppError('FORBIDDEN', '您没有权限执行此操作')
}

/** Not visible is reported as not found, so a probe by id learns nothing, not even that the id exists. */
export function requireVisibleProject<P extends Pick<Project, '_id' | 'teamId'>>(caller: Caller, project: P | null): P {
  if (!project || !canSeeProject(caller, project)) throw new AppError('NOT_FOUND', '项目不存在或您无权查看')
  return project
}
