import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Async } from '../../components/Async'
import { Btn } from '../../components/Buttons'
import { categoryName } from '../../components/IssueRow'
import { Photos } from '../../components/PhotoPicker'
import { Screen } from '../../components/Screen'
import { EmptyState } from '../../components/States'
import { StateTag } from '../../components/StateTag'
import { Timeline } from '../../components/Timeline'
import { actionButtonKind } from '../../components/issueFacts'
import { ACTION_NAMES } from '../../domain/issue/labels'
import type { CommandAction } from '../../domain/issue/lifecycle'
import { links } from '../../domain/links'
import { useLink } from '../../hooks/useLink'
import { ActionSheet } from './ActionSheet'
import { AnswerSection, DueSection, Extensions, MaterialsSection, NotesSection, RaiserSection, Related } from './Sections'
import { useIssue } from './useIssue'
import './index.scss'

export default function IssuePage() {
  const link = useLink(links.issue)
  const { detail, act } = useIssue(link?.id ?? '')
  const [open, setOpen] = useState<CommandAction | null>(null)
  if (!link) return <Screen><EmptyState title='未找到问题' hint='链接缺少问题编号，请从问题列表进入' /></Screen>

  return (
    <Screen className='issue'>
      <Async query={detail}>
        {(d) => (
          <>
            <View className='card'>
              <View className='row'>
                <View>
                  <StateTag label={d.label} state={d.issue.state} ladder={d.issue.supervision?.ladder} supervised={d.issue.supervision?.supervised} />
                  {d.issue.urgency === 'urgent' && <Text className='tag tag--supervised'>紧急</Text>}
                </View>
                <Text className='muted'>{categoryName(d.issue.category)}</Text>
              </View>
              <Text className='issue__title'>{d.issue.title}</Text>
              <Text className='muted'>
                {d.issue.caseNo} · {d.projectName}
                {d.issue.leadDepartmentId ? ` · 主办：${d.departments[d.issue.leadDepartmentId] ?? ''}` : ''}
                {d.issue.assistDepartmentIds.length ? ` · 协办：${d.issue.assistDepartmentIds.map((x) => d.departments[x] ?? x).join('、')}` : ''}
              </Text>
              <DueSection d={d} />
              {d.issue.closingReason && <Text className='muted'>原因：{d.issue.closingReason}</Text>}
            </View>
            <RaiserSection issue={d.issue} />
            <View className='card'>
              <Text className='card__title'>问题描述</Text>
              <Text className='issue__text'>{d.issue.description}</Text>
              <Photos files={d.issue.photos} />
            </View>
            <MaterialsSection issue={d.issue} />
            <Extensions issue={d.issue} />
            <AnswerSection d={d} />
            <NotesSection d={d} />
            <Related d={d} />
            <View className='card'>
              <Text className='card__title'>办理过程</Text>
              <Timeline items={d.issue.timeline} />
            </View>
            {d.actions.length > 0 && (
              <View className='issue__actions' data-testid='actions'>
                {d.actions.map((a) => (
                  <Btn key={a} small kind={actionButtonKind(a)} onTap={() => setOpen(a)}>
                    {ACTION_NAMES[a]}
                  </Btn>
                ))}
              </View>
            )}
            {open && <ActionSheet action={open} issue={d.issue} viewer={d.viewer} departments={d.departments} lint={d.lint} role={d.role} onClose={() => setOpen(null)} onSubmit={act} />}
          </>
        )}
      </Async>
    </Screen>
  )
}
