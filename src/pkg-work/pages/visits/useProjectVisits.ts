/** A project's past visits, newest week first, 20 a page as the list is scrolled. */
import { call } from '../../../api'
import { PAGE_SIZE, usePaged } from '../../../hooks/usePaged'

export function useProjectVisits(projectId: string) {
  return usePaged((cursor) => call('visits', 'listByProject', { projectId, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [projectId])
}
