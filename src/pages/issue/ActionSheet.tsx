/** The small form for one action, opened from its button. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '../../components/Buttons'
import { Chips, Field, TextArea, TextInput } from '../../components/Fields'
import { PhotoPicker } from '../../components/PhotoPicker'
import { Sheet } from '../../components/Sheet'
import { actionButtonKind } from '../../components/issueFacts'
import { ACTION_NAMES, RATING_NAMES, RESOLUTION_NAMES } from '../../domain/issue/labels'
import type { CommandAction } from '../../domain/issue/lifecycle'
import type { LintFlag } from '../../domain/issue/lint'
import type { UserCommandInput } from '../../domain/issue/schemas'
import { CATEGORIES, COMPLEXITY_NAMES } from '../../domain/issue/sla'
import type { IssueView } from '../../domain/issue/viewTypes'
import type { Viewer } from '../../domain/visibility'
import { call } from '../../api'
import { useAction } from '../../hooks/useAction'
import { useQuery } from '../../hooks/useQuery'
import { useWhoAmI } from '../../hooks/useWhoAmI'
import { type Purpose, askToSubscribe } from '../../platform/subscribe'
import { randomId } from '../../platform/seamApi'
import { CHECKLIST, FORMS, type FieldSpec, type Values, initialValues, missing } from './forms'

const entries = <K extends string>(names: Record<K, string>) => (Object.keys(names) as K[]).map((value) => ({ value, label: names[value] }))
const YES_NO = (yes: string, no: string) => [{ value: 'yes', label: yes }, { value: 'no', label: no }]
/** A text input's value (unset: empty). */
const textOf = (val: unknown): string => (typeof val === 'string' ? val : '')
/** A multiple pick's or the photos' value (unset: none). */
const listOf = (val: unknown): string[] => (Array.isArray(val) ? val : [])

function FieldInput(props: { f: FieldSpec; v: Values; set: (k: string, val: unknown) => void; departments: Record<string, string> }) {
  const { f, v, set } = props
  const one = (val: unknown) => (val ? [String(val)] : [])
  const depts = Object.entries(props.departments).map(([value, label]) => ({ value, label }))
  switch (f.kind) {
    case 'reason':
    case 'optionalReason':
    case 'text':
    case 'optionalText':
      return <TextArea name={f.key} value={textOf(v[f.key])} limit={f.limit} onChange={(t) => set(f.key, t)} />
    case 'forEnterprise':
      return <Chips options={YES_NO('企业可见', '仅内部可见')} value={[v[f.key] === 'yes' ? 'yes' : 'no']} onChange={([x]) => set(f.key, x)} />
    case 'files':
      return <PhotoPicker folder='issues' value={listOf(v[f.key])} onChange={(ids) => set(f.key, ids)} />
    case 'lead':
      return <Chips options={depts} value={one(v[f.key])} onChange={([d]) => set(f.key, d)} />
    case 'assist':
      return <Chips multiple options={depts.filter((d) => d.value !== v.leadDepartmentId)} value={listOf(v[f.key])} onChange={(ds) => set(f.key, ds)} />
    case 'category':
      return <Chips options={CATEGORIES.map((c) => ({ value: c.id, label: c.name }))} value={one(v[f.key])} onChange={([c]) => set(f.key, c)} />
    case 'complexity':
      return <Chips options={entries(COMPLEXITY_NAMES)} value={one(v[f.key])} onChange={([c]) => set(f.key, c)} />
    case 'urgency':
      return <Chips options={[{ value: 'normal', label: '一般' }, { value: 'urgent', label: '紧急' }]} value={one(v[f.key])} onChange={([u]) => set(f.key, u)} />
    case 'checklist':
      return <Chips multiple options={CHECKLIST.map((c) => ({ value: c.key, label: c.label }))} value={listOf(v[f.key])} onChange={(ks) => set(f.key, ks)} />
    case 'passed':
      return <Chips options={YES_NO('通过，发给企业', '退回部门修改')} value={one(v[f.key])} onChange={([p]) => set(f.key, p)} />
    case 'approved':
      return <Chips options={YES_NO('批准', '不批准')} value={one(v[f.key])} onChange={([p]) => set(f.key, p)} />
    case 'resolution':
      return <Chips options={entries(RESOLUTION_NAMES)} value={one(v[f.key])} onChange={([r]) => set(f.key, r)} />
    case 'rating':
      return <Chips options={entries(RATING_NAMES)} value={one(v[f.key])} onChange={([r]) => set(f.key, r)} />
    case 'workingDays':
      return <TextInput name={f.key} type='number' value={String(v[f.key] ?? '')} maxlength={2} onChange={(t) => set(f.key, t)} />
  }
}

export function ActionSheet(props: {
  action: CommandAction
  issue: IssueView
  /** Progress notes by the government side may be marked 企业可见. */
  viewer: Viewer
  departments: Record<string, string>
  lint: LintFlag[]
  /** The role the caller acts in (decides which notifications to ask consent for). */
  role: string
  onClose: () => void
  /** Sends the command; resolves true when it went through (the sheet then closes). */
  onSubmit: (command: UserCommandInput, requestId: string) => Promise<boolean>
}) {
  const spec = FORMS[props.action]
  // One request id while the sheet is open: a second tap after a lost reply is the same request.
  const [requestId] = useState(() => randomId(24))
  const [values, setValues] = useState<Values>(() => initialValues(props.issue))
  const set = (k: string, val: unknown) => setValues((prev) => ({ ...prev, [k]: val }))
  // Dispatch and reassign pick from all the zone's departments, not only those the issue names.
  const needsAll = !!spec?.fields.some((f) => f.kind === 'lead')
  const all = useQuery(() => call('org', 'listDepartments', {}), [], { enabled: needsAll })
  const departments = needsAll && all.data ? Object.fromEntries(all.data.map((d) => [d._id, d.name])) : props.departments
  const who = useWhoAmI()
  const submit = useAction(async () => {
    if (!spec) return
    const problem = missing(spec, values)
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' })
    // One-time consents, earned on the tap: the enterprise hears of progress, the desk of new work.
    const purposes: Purpose[] = props.role === 'liaison' ? ['status'] : props.role === 'manager' ? [] : ['assigned', 'reminder']
    await askToSubscribe(who.data, purposes)
    // The draft's required values are there (missing() found none left out); the function parses the command.
    if (await props.onSubmit(spec.build(values) as UserCommandInput, requestId)) props.onClose()
  })
  if (!spec) return null
  return (
    <Sheet title={ACTION_NAMES[props.action]} onClose={props.onClose}>
      {props.action === 'review' && props.lint.length > 0 && (
        <View className='notice' data-testid='lint'>
          <Text>答复中有需要留意的措辞：</Text>
          {props.lint.map((l) => (
            <Text key={`${l.word}-${l.index}`}>「{l.word}」{l.hint}</Text>
          ))}
        </View>
      )}
      {needsAll && !!all.error && <View className='notice notice--error'>部门列表读取失败，请关闭后重试</View>}
      {spec.fields.filter((f) => f.kind !== 'forEnterprise' || props.viewer !== 'liaison').map((f) => (
        <Field key={f.key + f.kind} label={f.label}>
          <FieldInput f={f} v={values} set={set} departments={departments} />
        </Field>
      ))}
      <View className='sheet__actions'>
        <Btn kind={actionButtonKind(props.action)} pending={submit.pending} onTap={() => void submit.run()}>
          {spec.submit ?? `确认${ACTION_NAMES[props.action]}`}
        </Btn>
      </View>
    </Sheet>
  )
}
