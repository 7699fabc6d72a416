import { Text } from '@tarojs/components'
import { LADDER_COLOURS, LADDER_NAMES } from '../domain/issue/labels'
import { TERMINAL_STATES } from '../domain/issue/lifecycle'
import type { IssueState, Ladder } from '../domain/types'
import './ui.scss'

/** The state as the viewer reads it (the server's label), with the 督办 ladder colour beside it. */
export function StateTag(props: { label: string; state: IssueState; ladder?: Ladder; supervised?: boolean }) {
  const { label, state, ladder = 'none', supervised } = props
  const open = !TERMINAL_STATES.includes(state)
  // A manager's label carries the marks as text ('待签收 · 红牌 · 督办'): show them as coloured tags instead.
  const base = label.split(' · ')[0]
  return (
    <>
      <Text className={`tag ${open ? '' : 'tag--done'}`}>{base}</Text>
      {open && ladder !== 'none' && (
        <Text className='tag tag--ladder' style={{ background: LADDER_COLOURS[ladder] }}>
          {LADDER_NAMES[ladder]}
        </Text>
      )}
      {open && supervised && <Text className='tag tag--supervised'>督办</Text>}
    </>
  )
}
