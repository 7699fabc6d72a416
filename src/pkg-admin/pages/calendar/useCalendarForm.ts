/** One year's 放假安排 (holiday ranges + 调休 make-up workdays), prefilled from what is stored. */
import { useEffect, useState } from 'react'
import { call, serverNow } from '../../../api'
import type { YearArrangement } from '../../../domain/calendar/types'
import { useAction } from '../../../hooks/useAction'
import { useQuery } from '../../../hooks/useQuery'

export type Holiday = YearArrangement['holidays'][number]

export function useCalendarForm(initialYear?: number) {
  const cal = useQuery(() => call('org', 'getCalendar', {}), [])
  const [year, setYear] = useState<number>(initialYear ?? new Date(serverNow()).getFullYear() + 1)
  const [holidays, setHolidays] = useState<Holiday[]>([])
  const [workdays, setWorkdays] = useState<string[]>([])
  const [result, setResult] = useState<{ issuesMoved: number } | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    if (!cal.data) return
    if (!initialYear && cal.data.needsArrangement.length) setYear(cal.data.needsArrangement[0])
  }, [cal.data, initialYear])

  useEffect(() => {
    const stored = cal.data?.years.find((y) => y.year === year)?.arrangement
    setHolidays(stored?.holidays ?? [])
    setWorkdays(stored?.workdays ?? [])
    setResult(null)
    setError(null)
  }, [cal.data, year])

  const save = useAction(async () => {
    setError(null)
    try {
      const r = await call('org', 'setCalendarYear', { arrangement: { year, holidays, workdays } })
      setResult(r)
      void cal.reload()
    } catch (e) {
      setError(e)
    }
  })

  return { cal, year, setYear, holidays, setHolidays, workdays, setWorkdays, save, result, error }
}
