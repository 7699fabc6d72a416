/**
 * The issue screens' lifecycle facts equal the domain's, for every state and every action: the tag's
 * done/marks (src/components/issueFacts.ts) against the lifecycle table and the manager's label,
 * the action buttons' warning look against the lifecycle's `danger`, the list filters against the
 * state names and the issues.list schema. The screens keep no copy of their own.
 */
import * as v from 'valibot'
import { actionButtonKind, stateTagFacts } from '../../src/components/issueFacts'
import { FORMS } from '../../src/pages/issue/forms'
import { LADDER_FILTERS, LADDER_NAMES, STATE_FILTERS, STATE_NAMES, stateLabel } from '../../src/domain/issue/labels'
import { ALL_STATES, COMMAND_ACTIONS, LIFECYCLE, OPEN_STATES, TERMINAL_STATES, isSystemAction } from '../../src/domain/issue/lifecycle'
import { listIssuesInput } from '../../src/domain/schemas/issues'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import type { IssueState } from '../../src/domain/types'
import { at, raised } from './issueFixtures'

/** A state no step of the lifecycle leaves: the lifecycle's own definition of "over". */
const noStepLeaves = (state: IssueState) => !COMMAND_ACTIONS.some((a) => LIFECYCLE[a].from.includes(state))

describe.each(ALL_STATES)('the state tag in %s', (state) => {
  it('is done exactly when the lifecycle has no step out of the state', () => {
    expect(stateTagFacts(state).done).toBe(noStepLeaves(state))
    expect(stateTagFacts(state).done).toBe(TERMINAL_STATES.includes(state))
  })

  it('shows the 督办 mark exactly when the manager\'s label carries it', () => {
    const issue = { ...raised(), state, supervised: true }
    const label = stateLabel(issue, 'manager', at('2026-03-02 10:00'), weekendCalendar)
    expect(stateTagFacts(state, 'none', true).supervised).toBe(label.split(' · ').includes('督办'))
  })

  it.each(['blue', 'yellow', 'red'] as const)('shows the %s ladder only while the issue is open', (ladder) => {
    expect(stateTagFacts(state, ladder).ladder).toBe(OPEN_STATES.includes(state) ? ladder : undefined)
  })
})

describe.each(COMMAND_ACTIONS)('the %s button', (action) => {
  it('looks dangerous exactly when the lifecycle says the action is', () => {
    expect(actionButtonKind(action) === 'danger').toBe(LIFECYCLE[action].danger === true)
  })

  it('is dangerous when every state it leads to is over', () => {
    if (LIFECYCLE[action].to.every((s) => TERMINAL_STATES.includes(s)) && !isSystemAction(action)) expect(actionButtonKind(action)).toBe('danger')
  })
})

test('the forms carry no danger flag of their own', () => {
  for (const spec of Object.values(FORMS)) expect(spec).not.toHaveProperty('danger')
})

test('the list filters are 未办结 and every state, named as the domain names them, each one issues.list accepts', () => {
  expect(STATE_FILTERS).toEqual([{ value: 'open', label: '未办结' }, ...ALL_STATES.map((s) => ({ value: s, label: STATE_NAMES[s] }))])
  const stateSchema = listIssuesInput.entries.state.wrapped
  expect(STATE_FILTERS.map((f) => f.value)).toEqual(stateSchema.options)
  for (const f of STATE_FILTERS) expect(v.safeParse(listIssuesInput, { state: f.value }).success).toBe(true)
})

test('the ladder filters are the ladder colours issues.list accepts, named as the domain names them', () => {
  expect(LADDER_FILTERS.map((f) => f.label)).toEqual([LADDER_NAMES.blue, LADDER_NAMES.yellow, LADDER_NAMES.red])
  expect(LADDER_FILTERS.map((f) => f.value)).toEqual(listIssuesInput.entries.ladder.wrapped.options)
})
