/** A cursor-paged list: 20 a page, the next page when the page is scrolled to the bottom, pull to refresh. */
import { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../domain/views'
import { usePullRefresh } from './useQuery'

export const PAGE_SIZE = 20
/** Keeps a long list's page under ~1,000 nodes: beyond this, filters narrow it down. */
export const MAX_LOADED = 80

export interface Paged<T> {
  items: T[]
  loading: boolean
  error: unknown
  hasMore: boolean
  loadMore: () => Promise<void>
  refresh: () => Promise<void>
}

export function usePaged<T>(loadPage: (cursor: string | undefined) => Promise<Page<T>>, deps: readonly unknown[]): Paged<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | undefined>(undefined)
  const [hasMore, setHasMore] = useState(true)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(undefined)
  const loadRef = useRef(loadPage)
  loadRef.current = loadPage
  const busy = useRef(false)
  const itemsRef = useRef<T[]>([])
  const generation = useRef(0)

  const fetchPage = useCallback(async (from: string | undefined, replace: boolean) => {
    if (busy.current && !replace) return
    busy.current = true
    const gen = replace ? ++generation.current : generation.current
    setLoading(true)
    setError(undefined)
    try {
      const page = await loadRef.current(from)
      if (gen !== generation.current) return
      const next = (replace ? page.items : [...itemsRef.current, ...page.items]).slice(0, MAX_LOADED)
      itemsRef.current = next
      setItems(next)
      setCursor(page.nextCursor)
      setHasMore(!!page.nextCursor && next.length < MAX_LOADED)
    } catch (e) {
      if (gen === generation.current) setError(e)
    } finally {
      if (gen === generation.current) {
        busy.current = false
        setLoading(false)
      }
    }
  }, [])

  const refresh = useCallback(() => fetchPage(undefined, true), [fetchPage])
  const loadMore = useCallback(async () => {
    if (hasMore && cursor) await fetchPage(cursor, false)
  }, [fetchPage, hasMore, cursor])

  useEffect(() => {
    void refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  useReachBottom(() => void loadMore())
  usePullRefresh(refresh)
  return { items, loading, error, hasMore, loadMore, refresh }
}
