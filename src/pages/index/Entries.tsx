/** The entries each role can open from home (also shown when a user holds several roles). */
import { Text, View } from '@tarojs/components'
import type { Role } from '../../domain/types'
import type { WhoAmI } from '../../domain/views'
import { links } from '../../domain/links'
import { go } from '../../hooks/useLink'

const ENTRIES: Record<Role, { title: string; url: string }[]> = {
  manager: [
    { title: '数据看板', url: links.dashboard({}) },
    { title: '办理情况通报', url: links.bulletin({}) },
    { title: '全部问题', url: links.issues({}) },
    { title: '项目管理', url: links.projects({}) },
    { title: '组织与邀请', url: links.org({}) },
    { title: '放假安排', url: links.calendar({}) },
    { title: '导出报表', url: links.export({}) },
  ],
  staff: [
    { title: '本周走访', url: links.week({}) },
    { title: '问题队列', url: links.queue({}) },
  ],
  handler: [{ title: '本部门待办', url: links.queue({}) }],
  liaison: [],
}


export function Entries(props: { who: WhoAmI }) {
  const seen = new Set<string>()
  const items = props.who.roles.flatMap((r) => ENTRIES[r]).filter((e) => !seen.has(e.url) && !!seen.add(e.url))
  return (
    <View className='home__grid'>
      {items.map((e) => (
        <View key={e.url} className='home__entry' onClick={() => go(e.url)}>
          <Text>{e.title}</Text>
        </View>
      ))}
    </View>
  )
}

/** A liaison's (or member's) projects. */
export function ProjectList(props: { who: WhoAmI }) {
  if (!props.who.projects.length) return null
  return (
    <>
      <Text className='section'>我的项目</Text>
      {props.who.projects.map((p) => (
        <View key={p._id} className='card' onClick={() => go(links.board({ projectId: p._id }))}>
          <Text className='card__title'>{p.name}</Text>
          <Text className='muted'>{p.enterpriseName}</Text>
        </View>
      ))}
    </>
  )
}
