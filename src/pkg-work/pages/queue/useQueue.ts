/** The issue queue: my team's / my department's issues, filtered, 20 a page. */
import { useState } from 'react'
import { call } from '../../../api'
import type { Input } from '../../../api'
import type { WhoAmI } from '../../../domain/views'
import { PAGE_SIZE, usePaged } from '../../../hooks/usePaged'
import { useWhoAmI } from '../../../hooks/useWhoAmI'

export type Scope = 'mine' | 'assist' | 'all'
export type StateFilter = NonNullable<Input<'issues', 'list'>['state']>

export interface QueueFilters {
  scope: Scope
  overdue: boolean
  state: StateFilter
}

export function queryFor(who: WhoAmI | undefined, f: QueueFilters): Input<'issues', 'list'> {
  const q: Input<'issues', 'list'> = { state: f.state, pageSize: PAGE_SIZE }
  if (f.overdue) q.overdue = true
  if (f.scope !== 'all' && who?.department && who.roles.includes('handler')) {
    q.departmentId = who.department._id
    q.departmentRole = f.scope === 'assist' ? 'assist' : 'lead'
  } else if (f.scope === 'mine' && who?.team) q.teamId = who.team._id
  return q
}

export function useQueue() {
  const who = useWhoAmI()
  const [filters, setFilters] = useState<QueueFilters>({ scope: 'mine', overdue: false, state: 'open' })
  const list = usePaged(
    (cursor) => call('issues', 'list', { ...queryFor(who.data, filters), ...(cursor ? { cursor } : {}) }),
    [who.data, filters.scope, filters.overdue, filters.state],
  )
  return { who, filters, setFilters, list }
}
