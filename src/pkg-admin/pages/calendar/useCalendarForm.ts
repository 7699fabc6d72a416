/**
 * One year's 放假安排 (holiday ranges + 调休 make-up workdays), started from what the year already is:
 * the zone's entry, the built-in data (read-only until 「以本区录入覆盖」) or the statutory estimate.
 * The seven statutory holidays are checked here as on the server (coverage.ts): a missing one must be
 * ticked 「本年不放假」 and confirmed before the entry is sent.
 */
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { ApiError, call } from '../../../api'
import { type StatutoryName, missingHolidays, missingHolidaysMessage } from '../../../domain/calendar/coverage'
import type { YearArrangement } from '../../../domain/calendar/workCalendar'
import { useAction } from '../../../hooks/useAction'
import { useQuery } from '../../../hooks/useQuery'

export type Holiday = YearArrangement['holidays'][number]

export function useCalendarForm(initialYear?: number) {
  const cal = useQuery(() => call('org', 'getCalendar', {}), [])
  const [chosen, setYear] = useState<number | undefined>(initialYear)
  const [overriding, setOverriding] = useState(false)
  const [holidays, setHolidays] = useState<Holiday[]>([])
  const [workdays, setWorkdays] = useState<string[]>([])
  const [omitted, setOmitted] = useState<StatutoryName[]>([])
  const [result, setResult] = useState<{ year: number; issuesMoved: number } | null>(null)
  const [error, setError] = useState<unknown>(null)

  // The year the page is about: asked for, else the first one still resting on the estimate, else the latest listed.
  const years = cal.data?.years ?? []
  const year = chosen ?? cal.data?.needsArrangement[0] ?? years.at(-1)?.year
  const shown = years.find((y) => y.year === year)
  const editable = !!shown && (shown.basis !== 'package' || overriding)

  // Once resolved, the year stays put (a save changes which years still need entering).
  useEffect(() => {
    if (chosen === undefined && year !== undefined) setYear(year)
  }, [chosen, year])

  // Start the form from the year as it is now; after a save, from what was stored.
  useEffect(() => {
    const from = shown?.effective
    setHolidays(from ? from.holidays.map((h) => ({ ...h })) : [])
    setWorkdays(from ? [...from.workdays] : [])
    setOmitted(from?.omitted ?? [])
  }, [shown])

  useEffect(() => {
    setOverriding(false)
    setResult(null)
    setError(null)
  }, [year])

  const missing = useMemo(() => missingHolidays(holidays), [holidays])
  const toggleOmitted = (name: StatutoryName) => setOmitted(omitted.includes(name) ? omitted.filter((n) => n !== name) : [...omitted, name])

  const save = useAction(async () => {
    if (year === undefined) return
    setError(null)
    setResult(null)
    const left = missing.filter((h) => omitted.includes(h))
    const unconfirmed = missing.filter((h) => !omitted.includes(h))
    if (unconfirmed.length) return void setError(new ApiError('INVALID_INPUT', missingHolidaysMessage(year, unconfirmed)))
    if (left.length) {
      const { confirm } = await Taro.showModal({
        title: '确认不放假',
        content: `确认 ${year} 年${left.join('、')}不放假？保存后这些日子按工作日计算办理期限。`,
      })
      if (!confirm) return
    }
    try {
      const arrangement = { year, holidays, workdays, ...(left.length ? { omitted: left } : {}) }
      setResult(await call('org', 'setCalendarYear', { arrangement }))
      void cal.reload()
    } catch (e) {
      setError(e)
    }
  })

  return {
    cal, year, setYear, shown, editable, override: () => setOverriding(true),
    holidays, setHolidays, workdays, setWorkdays, omitted, missing, toggleOmitted, save, result, error,
  }
}
