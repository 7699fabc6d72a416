/** One visit's record, as the function built it for this reader (parts they may not see are not in it). */
import { call } from '../../../api'
import { usePullRefresh, useQuery } from '../../../hooks/useQuery'

export function useVisitRecord(visitId: string) {
  const record = useQuery(() => call('visits', 'record', { visitId }), [visitId])
  usePullRefresh(record.reload)
  return record
}
