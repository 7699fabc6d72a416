/** 放假安排: enter a year's holidays and 调休 workdays as published; open deadlines are recomputed. */
import { Text, View } from '@tarojs/components'
import { describeError } from '../../../api'
import { Async } from '../../../components/Async'
import { Btn } from '../../../components/Buttons'
import { DateInput } from '../../../components/DateInput'
import { Chips, Field, TextInput } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { links } from '../../../domain/links'
import { useLink } from '../../../hooks/useLink'
import { useCalendarForm } from './useCalendarForm'
import '../../admin.scss'

const BASIS = { zone: '已录入', package: '内置数据', statutory: '按法定节假日预估' }

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
                value={[String(c.year)]}
                onChange={([y]) => c.setYear(Number(y))}
              />
            </View>
            <View className='card admin__form'>
              <Text className='card__title'>{c.year} 年放假安排</Text>
              {c.holidays.map((h, i) => (
                <View key={i} className='admin__item'>
                  <TextInput value={h.name} maxlength={10} placeholder='节日名称，如 春节' onChange={(name) => setHoliday(i, { name })} />
                  <DateInput value={h.from} placeholder='放假开始' onChange={(from) => setHoliday(i, { from })} />
                  <DateInput value={h.to} placeholder='放假结束' onChange={(to) => setHoliday(i, { to })} />
                  <Text className='muted' onClick={() => c.setHolidays(c.holidays.filter((_, j) => j !== i))}>删除</Text>
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
              {err && (
                <View className='notice notice--error'>
                  <Text>{err.title}</Text>
                  {err.detail && <Text>{err.detail}</Text>}
                </View>
              )}
              {c.result && <View className='notice'>已保存，{c.result.issuesMoved} 件未办结问题的期限已按新日历重算</View>}
              <Btn block pending={c.save.pending} onTap={() => void c.save.run()}>保存 {c.year} 年安排</Btn>
            </View>
          </>
        )}
      </Async>
    </Screen>
  )
}
