/** 全部问题 for managers: filter by overdue / 督办 / ladder / department / project / team, and 督办 any one. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../../api'
import type { Input } from '../../../api'
import { Chips } from '../../../components/Fields'
import { IssueRow } from '../../../components/IssueRow'
import { Screen } from '../../../components/Screen'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { LADDER_FILTERS } from '../../../domain/issue/labels'
import type { IssueCard } from '../../../domain/views'
import { links } from '../../../domain/links'
import { useLink } from '../../../hooks/useLink'
import { PAGE_SIZE, usePaged } from '../../../hooks/usePaged'
import { useQuery } from '../../../hooks/useQuery'
import { Select } from '../../components/Select'
import { SuperviseSheet } from '../../components/Supervise'
import '../../admin.scss'

type Filters = Omit<Input<'issues', 'list'>, 'cursor' | 'pageSize'>

const FLAGS = [{ value: 'overdue', label: '超期' }, { value: 'supervised', label: '督办中' }, ...LADDER_FILTERS]
const LADDERS = LADDER_FILTERS.map((l) => l.value)

export default function AllIssues() {
  const p = useLink(links.issues) ?? {}
  const [f, setF] = useState<Filters>({ state: 'open', ...(p.supervised ? { supervised: true } : {}) })
  const [target, setTarget] = useState<IssueCard | null>(null)
  const lookups = useQuery(async () => {
    const [departments, teams, projects] = await Promise.all([call('org', 'listDepartments', {}), call('org', 'listTeams', {}), call('projects', 'list', { pageSize: 50 })])
    return { departments, teams, projects: projects.items.map((x) => ({ id: x._id, name: x.name })) }
  }, [])
  const list = usePaged((cursor) => call('issues', 'list', { ...f, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [JSON.stringify(f)])
  const flags = [f.overdue && 'overdue', f.supervised && 'supervised', f.ladder].filter(Boolean) as string[]
  const setFlags = (v: string[]) => {
    const ladder = LADDERS.find((l) => v.includes(l) && !flags.includes(l)) ?? LADDERS.find((l) => v.includes(l))
    setF({ ...f, overdue: v.includes('overdue') || undefined, supervised: v.includes('supervised') || undefined, ladder })
  }
  const L = lookups.data
  return (
    <Screen className='admin'>
      <View className='admin__bar'>
        <Chips multiple options={FLAGS} value={flags} onChange={setFlags} />
        {L && (
          <View className='chips'>
            <Select label='部门' options={L.departments.map((d) => ({ id: d._id, name: d.name }))} value={f.departmentId} onChange={(departmentId) => setF({ ...f, departmentId })} />
            <Select label='项目' options={L.projects} value={f.projectId} onChange={(projectId) => setF({ ...f, projectId })} />
            <Select label='专班' options={L.teams.map((t) => ({ id: t._id, name: t.name }))} value={f.teamId} onChange={(teamId) => setF({ ...f, teamId })} />
          </View>
        )}
      </View>
      {list.items.map((c) => (
        <IssueRow key={c._id} card={c} extra={!c.supervised && <Text className='admin__link' onClick={(e) => { e.stopPropagation(); setTarget(c) }}>督办 ›</Text>} />
      ))}
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refresh()} /> : list.loading ? <Loading /> : list.items.length === 0 ? <EmptyState title='没有符合条件的问题' /> : <Text className='more'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>}
      {target && <SuperviseSheet card={target} onClose={() => setTarget(null)} onDone={() => void list.refresh()} />}
    </Screen>
  )
}
