import { Text } from '@tarojs/components'
import { LADDER_COLOURS, LADDER_NAMES } from '../domain/issue/labels'
import type { IssueState, Ladder } from '../domain/types'
import { stateTagFacts } from './issueFacts'
import './ui.scss'

/** The state as the viewer reads it (the server's label), with the 督办 ladder colour beside it. */
export function StateTag(props: { label: string; state: IssueState; ladder?: Ladder; supervised?: boolean }) {
  const facts = stateTagFacts(props.state, props.ladder, props.supervised)
  // A manager's label carries the marks as text ('待签收 · 红牌 · 督办'): show them as coloured tags instead.
  const base = props.label.split(' · ')[0]
  return (
    <>
      <Text className={`tag ${facts.done ? 'tag--done' : ''}`}>{base}</Text>
      {facts.ladder && (
        <Text className='tag tag--ladder' style={{ background: LADDER_COLOURS[facts.ladder] }}>
          {LADDER_NAMES[facts.ladder]}
        </Text>
      )}
      {facts.supervised && <Text className='tag tag--supervised'>督办</Text>}
    </>
  )
}
