/**
 * 放假安排: a year's holidays and 调休 workdays as the State Council published them. A year not entered
 * starts from the statutory estimate, a built-in year is shown read-only until 「以本区录入覆盖」, an
 * entered year opens as entered. Saving recomputes the open issues' deadlines and says how many moved.
 */
import { Text, View } from '@tarojs/components'
import { describeError } from '../../../api'
import { Async } from '../../../components/Async'
import { Btn } from '../../../components/Buttons'
import { DateInput } from '../../../components/DateInput'
import { Chips, Field, TextInput } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { STATUTORY_NAMES } from '../../../domain/calendar/coverage'
import type { YearArrangement } from '../../../domain/calendar/workCalendar'
import { links } from '../../../domain/links'
import { useLink } from '../../../hooks/useLink'
import { useCalendarForm } from './useCalendarForm'
import '../../admin.scss'

const BASIS = { zone: '本区已录入', package: '内置数据', statutory: '未录入' }
const INTRO = {
  statutory: '尚未录入。下面已按法定节假日预估填好，请按国务院通知调整放假日期、添加调休上班日后保存。',
  zone: '本区已录入。修改后保存，将替换原来的安排。',
  package: '以内置数据为起点，按本区需要修改后保存；保存后以本区录入为准。',
}

/** A built-in year, read-only: its ranges, make-up days and any statutory holiday it gave no day. */
function BuiltIn(props: { arrangement: YearArrangement; onOverride: () => void }) {
  const a = props.arrangement
  return (
    <View className='card'>
      <Text className='card__title'>{a.year} 年放假安排（内置数据）</Text>
      <Text className='muted'>来自国务院公布的安排，已内置，无需录入。</Text>
      {a.holidays.map((h) => (
        <View key={h.from} className='admin__item'>
          <Text>{h.name}</Text>
          <Text className='muted'>{h.from === h.to ? h.from : `${h.from} 至 ${h.to}`}</Text>
        </View>
      ))}
      <View className='admin__item'>
        <Text>调休上班日</Text>
        <Text className='muted'>{a.workdays.length ? a.workdays.join('、') : '无'}</Text>
      </View>
      {a.omitted?.length ? <Text className='muted'>当年不放假：{a.omitted.join('、')}</Text> : null}
      <Btn small kind='ghost' onTap={props.onOverride}>以本区录入覆盖</Btn>
    </View>
  )
}

export default function CalendarPage() {
  const p = useLink(links.calendar) ?? {}
  const c = useCalendarForm(p.year ? Number(p.year) : undefined)
  const setHoliday = (i: number, patch: Partial<(typeof c.holidays)[number]>) => c.setHolidays(c.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)))
  const err = c.error ? describeError(c.error) : null
  return (
    <Screen className='admin'>
      <View className='notice'>
        <Text>每年国务院公布放假安排后，请在此录入当年的节假日和调休上班日。</Text>
        <Text>保存后，所有未办结问题的签收、答复期限会按新日历重新计算，并记入各问题的办理过程。</Text>
      </View>
      <Async query={c.cal}>
        {(cal) => (
          <>
            <View className='card'>
              <Text className='card__title'>选择年份</Text>
              <Chips
                options={cal.years.map((y) => ({ value: String(y.year), label: `${y.year}（${BASIS[y.basis]}）` }))}
                value={c.year === undefined ? [] : [String(c.year)]}
                onChange={([y]) => c.setYear(Number(y))}
              />
            </View>
            {c.shown && !c.editable && <BuiltIn arrangement={c.shown.effective} onOverride={c.override} />}
            {c.shown && c.editable && (
              <View className='card admin__form'>
                <Text className='card__title'>{c.year} 年放假安排</Text>
                <Text className='muted'>{INTRO[c.shown.basis]}</Text>
                {c.holidays.map((h, i) => (
                  <View key={i} className='admin__item'>
                    <Text className='muted'>第 {i + 1} 个假期</Text>
                    <TextInput name={`holiday-${i}`} value={h.name} maxlength={40} placeholder='节日名称，如 春节' onChange={(name) => setHoliday(i, { name })} />
                    <DateInput value={h.from} placeholder='放假开始' onChange={(from) => setHoliday(i, { from })} />
                    <DateInput value={h.to} placeholder='放假结束' onChange={(to) => setHoliday(i, { to })} />
                    <Text className='muted' onClick={() => c.setHolidays(c.holidays.filter((_, j) => j !== i))}>删除第 {i + 1} 个假期</Text>
                  </View>
                ))}
                <Btn small kind='ghost' onTap={() => c.setHolidays([...c.holidays, { name: '', from: '', to: '' }])}>添加假期</Btn>
                <Field label='调休上班日（周末上班）'>
                  {c.workdays.map((d, i) => (
                    <View key={i} className='row'>
                      <DateInput value={d} onChange={(v) => c.setWorkdays(c.workdays.map((x, j) => (j === i ? v : x)))} />
                      <Text className='muted' onClick={() => c.setWorkdays(c.workdays.filter((_, j) => j !== i))}>删除</Text>
                    </View>
                  ))}
                  <Btn small kind='ghost' onTap={() => c.setWorkdays([...c.workdays, ''])}>添加调休上班日</Btn>
                </Field>
                <Field label='七个法定节日'>
                  {STATUTORY_NAMES.map((name) =>
                    c.missing.includes(name) ? (
                      <View key={name} className='row'>
                        <Text>{name}：未录入放假日期</Text>
                        <Chips options={[{ value: name, label: '本年不放假' }]} value={c.omitted.filter((n) => n === name)} onChange={() => c.toggleOmitted(name)} />
                      </View>
                    ) : (
                      <Text key={name} className='muted'>{name}：已录入</Text>
                    ),
                  )}
                </Field>
                {err && (
                  <View className='notice notice--error'>
                    <Text>{err.title}</Text>
                    {err.detail && <Text>{err.detail}</Text>}
                  </View>
                )}
                {c.result && (
                  <View className='notice'>
                    <Text>
                      已保存 {c.result.year} 年放假安排。
                      {c.result.issuesMoved ? `${c.result.issuesMoved} 件未办结问题的期限已按新日历重算。` : '未办结问题的期限均无变化。'}
                    </Text>
                  </View>
                )}
                <Btn block pending={c.save.pending} onTap={() => void c.save.run()}>保存 {c.year} 年安排</Btn>
              </View>
            )}
          </>
        )}
      </Async>
    </Screen>
  )
}
