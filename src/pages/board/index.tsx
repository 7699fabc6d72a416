import { Button, Text, View } from '@tarojs/components'
import { Async } from '../../components/Async'
import { Btn } from '../../components/Buttons'
import { IssueRow } from '../../components/IssueRow'
import { Screen } from '../../components/Screen'
import { VisitCard } from '../../components/VisitCard'
import { EmptyState, ErrorState } from '../../components/States'
import { describeError } from '../../api'
import { links } from '../../domain/links'
import { go, useLink } from '../../hooks/useLink'
import { Register } from './Register'
import { useBoard } from './useBoard'
import './index.scss'

export const VISIT_STATUS_NAMES = { planned: '待走访', done: '已走访', missed: '未走访', none: '本周无走访' } as const

export default function Board() {
  const params = useLink(links.board) ?? {}
  const { ctx, board, register, digest } = useBoard({ projectId: params.projectId, bindToken: params.bindToken })
  const c = ctx.data
  // A group member raises once registered (name and phone): the desk must know whom to call back.
  const registered = !!c && !!c.projectId && !c.who.unregisteredIn.includes(c.projectId)
  const canRaise = !!c && (c.who.roles.some((r) => r === 'staff' || r === 'manager') || (c.who.roles.includes('liaison') && registered))

  return (
    <Screen className='board'>
      {c?.entered?.refused && (
        <View className='notice notice--error'>
          <Text>{c.entered.refused.message}</Text>
          <Text className='muted'>{describeError({ code: c.entered.refused.code, message: '' }).hint}</Text>
        </View>
      )}
      {c?.entered?.boundNow && <View className='notice'>本群已绑定到此项目，群成员从卡片进入即可反映问题</View>}
      {!!c?.enterError && <View className='notice notice--error'>{describeError(c.enterError).title}</View>}
      <Async query={ctx}>
        {(cx) =>
          !cx.projectId ? (
            <EmptyState title='未找到项目' hint='请从项目群里的小程序卡片进入，或回到首页选择项目' />
          ) : board.error && !board.data ? (
            <ErrorState error={board.error} onRetry={() => void board.reload()} />
          ) : (
            <Async query={board}>
              {(b) => (
                <>
                  <View className='board__head'>
                    <Text className='board__enterprise'>{b.project.enterpriseName}</Text>
                    <Text className='board__name'>{b.project.name}</Text>
                    <Text className='board__address'>{b.project.address}</Text>
                  </View>
                  {cx.who.unregisteredIn.includes(cx.projectId!) && <Register onRegister={register} />}
                  <View className='board__digest'>
                    <View className='board__fig'><Text className='board__num'>{b.digest.open}</Text><Text className='muted'>办理中</Text></View>
                    <View className='board__fig'><Text className='board__num'>{b.digest.resolvedThisWeek}</Text><Text className='muted'>本周办结</Text></View>
                    <View className='board__fig'><Text className={`board__num ${b.digest.overdue ? 'board__num--bad' : ''}`}>{b.digest.overdue}</Text><Text className='muted'>已超期</Text></View>
                  </View>
                  <View className='card'>
                    <Text className='card__title'>本周走访（{b.digest.weekKey}）</Text>
                    <Text>{b.thisWeek ? `${b.thisWeek.plannedDate} · ${VISIT_STATUS_NAMES[b.thisWeek.status]}` : VISIT_STATUS_NAMES.none}</Text>
                    {b.thisWeek && cx.who.roles.includes('staff') && (
                      <Text className='board__link' onClick={() => go(links.visit({ visitId: b.thisWeek!._id }))}>记录走访 ›</Text>
                    )}
                  </View>
                  {canRaise && (
                    <View className='board__actions'>
                      <Btn block onTap={() => go(links.raise({ projectId: cx.projectId!, source: 'group' }))}>我要反映问题</Btn>
                    </View>
                  )}
                  <Text className='section'>办理中的问题（{b.openIssues.length}）</Text>
                  {b.openIssues.length === 0 ? <EmptyState title='暂无办理中的问题' /> : b.openIssues.map((i) => <IssueRow key={i._id} card={i} />)}
                  {b.recentlyClosed.length > 0 && <Text className='section'>最近办结</Text>}
                  {b.recentlyClosed.map((i) => <IssueRow key={i._id} card={i} />)}
                  <Text className='section'>走访记录</Text>
                  {b.recentVisits.length === 0 ? <EmptyState title='还没有完成的走访' /> : b.recentVisits.map((v) => <VisitCard key={v._id} visit={v} />)}
                  <Text className='board__link board__more' onClick={() => go(links.visits({ projectId: cx.projectId! }))}>全部走访记录 ›</Text>
                  <View className='board__actions'>
                    {digest.data && (
                      <Button className='btn btn--block board__share' openType='share' data-share='digest'>
                        {digest.data.sharedThisWeek ? '再次分享本周简报到项目群' : '分享本周简报到项目群'}
                      </Button>
                    )}
                    <Button className='btn btn--ghost btn--block' openType='share' data-share='board'>分享看板到项目群</Button>
                    {!b.project.openGId && <Text className='muted'>本项目尚未绑定微信群：服务专员把卡片分享到项目群，第一位群成员打开即完成绑定。</Text>}
                  </View>
                </>
              )}
            </Async>
          )
        }
      </Async>
    </Screen>
  )
}
