/** The bulletin's parts on the page: the zone, the ranking, 红榜 / 黑榜, 督办, teams, hotspots. */
import { Text, View } from '@tarojs/components'
import { BULLETIN_FIGURES, type Bulletin, type BulletinFigureKey, FIGURE_DRILL, FIGURE_LABELS, type IssueRef } from '../../../domain/bulletin/bulletinView'
import { changeText, figureText, pct } from '../../../domain/bulletin/text'
import { LADDER_COLOURS, LADDER_NAMES } from '../../../domain/issue/labels'
import { links } from '../../../domain/links'
import { go } from '../../../hooks/useLink'

/** The drill list behind a figure: the bulletin's period, the zone or one department. */
export function drillLink(b: Bulletin, key: Exclude<BulletinFigureKey, 'score'>, dept?: { id: string; name: string }): string {
  const { metric, part } = FIGURE_DRILL[key]
  const label = `${b.label} · ${dept ? `${dept.name} · ` : ''}${FIGURE_LABELS[key]}`
  const group = dept ? { groupBy: 'department', groupKey: dept.id } : {}
  return links.drill({ metric, part, from: String(b.from), to: String(b.to), label, ...group })
}

function Figure(props: { b: Bulletin; k: BulletinFigureKey; f: Bulletin['zone']['figures'][BulletinFigureKey]; dept?: { id: string; name: string }; missing?: string[] }) {
  const { b, k, f, dept } = props
  const tap = k === 'score' ? undefined : () => go(drillLink(b, k, dept))
  return (
    <View className='bul__fig' onClick={tap} data-fig={k}>
      <Text className='bul__figlabel'>{FIGURE_LABELS[k]}</Text>
      <Text className='bul__figvalue'>{figureText(k, f)}</Text>
      <Text className='bul__change'>{props.missing?.length ? `缺${props.missing.join('、')}` : changeText(f.change, k === 'received')}</Text>
    </View>
  )
}

export function Zone(props: { b: Bulletin }) {
  const { b } = props
  return (
    <View className='card'>
      <Text className='card__title'>全区（较{b.kind === 'month' ? '上月' : '上季度'}）</Text>
      <View className='bul__figs'>
        {BULLETIN_FIGURES.map((k) => <Figure key={k} b={b} k={k} f={b.zone.figures[k]} />)}
      </View>
    </View>
  )
}

export function Ranking(props: { b: Bulletin }) {
  const { b } = props
  return (
    <View className='card'>
      <Text className='card__title'>各部门排名</Text>
      {b.departments.map((d) => (
        <View key={d.departmentId} className='bul__dept' data-dept={d.name}>
          <View className='bul__head'>
            <Text className='bul__rank'>{d.rank ?? '—'}</Text>
            <Text className='bul__name'>{d.name}</Text>
            {b.red.includes(d.departmentId) && <Text className='tag bul__board bul__board--red'>红榜</Text>}
            {b.black.includes(d.departmentId) && <Text className='tag bul__board bul__board--black'>黑榜</Text>}
          </View>
          <View className='bul__figs'>
            {BULLETIN_FIGURES.map((k) => (
              <Figure key={k} b={b} k={k} f={d.figures[k]} dept={{ id: d.departmentId, name: d.name }} missing={k === 'score' ? d.missing : undefined} />
            ))}
          </View>
        </View>
      ))}
      <Text className='bul__note'>
        按综合分（响应、解决、满意率 {b.weights.response}:{b.weights.resolution}:{b.weights.satisfaction} 加权）排名；同分（按一位小数）时依次比较解决率、响应率、当前逾期件数（少者在前），再按部门顺序。缺少分项数据的部门不排名。红黑榜仅限收件不少于 {b.threshold} 件的部门。
        {b.idle.length ? `本期无诉求：${b.idle.join('、')}。` : ''}
      </Text>
    </View>
  )
}

const names = (b: Bulletin, ids: string[]) => ids.map((id) => b.departments.find((d) => d.departmentId === id)?.name ?? id).join('、')

export function Boards(props: { b: Bulletin }) {
  const { b } = props
  return (
    <View className='card'>
      <Text className='card__title'>红榜 / 黑榜</Text>
      {b.red.length ? (
        <>
          <Text className='bul__line'>红榜：{names(b, b.red)}</Text>
          <Text className='bul__line'>黑榜：{names(b, b.black)}</Text>
        </>
      ) : (
        <Text className='muted'>收件不少于 {b.threshold} 件的部门不足两个，本期不设红黑榜</Text>
      )}
      <Text className='bul__note'>参评门槛：收件不少于 {b.threshold} 件</Text>
    </View>
  )
}

const Refs = (props: { refs: IssueRef[] }) => (
  <View className='bul__refs'>
    {props.refs.map((r) => <Text key={r.id} className='bul__ref' onClick={() => go(links.issue({ id: r.id }))}>{r.caseNo || '查看'}</Text>)}
  </View>
)

export function Supervision(props: { b: Bulletin }) {
  const { b } = props
  return (
    <View className='card'>
      <Text className='card__title'>督办事项（{b.zone.supervised} 件）</Text>
      {b.supervision.length === 0 && <Text className='muted'>无督办中的问题</Text>}
      {b.supervision.map((s) => (
        <View key={s.id} className='bul__line' onClick={() => go(links.issue({ id: s.id }))} data-case={s.caseNo}>
          <View className='row'>
            <Text>{s.caseNo} {s.title}</Text>
            {s.ladder !== 'none' && <Text className='tag tag--ladder' style={{ background: LADDER_COLOURS[s.ladder] }}>{LADDER_NAMES[s.ladder]}</Text>}
          </View>
          <Text className='muted'>
            {s.department} · {s.state} · {s.overdue ? `已超期 ${s.overdueDays >= 1 ? s.overdueDays : '不足1'} 个工作日` : '未超期'}
          </Text>
        </View>
      ))}
    </View>
  )
}

export function Teams(props: { b: Bulletin }) {
  const { b } = props
  return (
    <View className='card'>
      <Text className='card__title'>服务专班走访</Text>
      {b.teams.map((t) => (
        <View key={t.teamId} className='bul__line'>
          <Text>{t.name}</Text>
          <Text className='muted'>
            覆盖率 {pct(t.coverage.value)}（{t.coverage.numerator}/{t.coverage.denominator}，{changeText(t.coverage.change)}）· 未走访 {t.missed} 次 · 走访中收集诉求 {t.visitIssues} 件
          </Text>
          <Refs refs={t.visitIssueRefs} />
        </View>
      ))}
    </View>
  )
}

export function Hotspots(props: { b: Bulletin }) {
  if (!props.b.hotspots.length) return null
  return (
    <View className='card'>
      <Text className='card__title'>重复反映较多的类别</Text>
      {props.b.hotspots.map((h) => (
        <View key={h.category} className='bul__line'>
          <Text>{h.name} · {h.repeats} 件</Text>
          <Refs refs={h.refs} />
        </View>
      ))}
    </View>
  )
}
