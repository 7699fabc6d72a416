/** Every cloud function and its actions: the one contract the functions implement and the client calls. */
import { dashboardContract } from './dashboard'
import { issuesContract } from './issues'
import { meContract } from './me'
import { orgContract } from './org'
import { projectsContract } from './projects'
import { visitsContract } from './visits'

export const contract = {
  me: meContract,
  org: orgContract,
  projects: projectsContract,
  visits: visitsContract,
  issues: issuesContract,
  dashboard: dashboardContract,
}

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
export * from './define'
