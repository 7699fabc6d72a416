/** Renders a query's loading / error / empty states, or its content. */
import type { Query } from '../hooks/useQuery'
import { EmptyState, ErrorState, Loading } from './States'

export function Async<T>(props: { query: Query<T>; empty?: (d: T) => boolean; emptyTitle?: string; emptyHint?: string; children: (d: T) => React.ReactNode }) {
  const { query } = props
  if (query.error && query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.reload()} />
  if (query.data === undefined) return <Loading />
  if (props.empty?.(query.data)) return <EmptyState title={props.emptyTitle ?? '暂无内容'} hint={props.emptyHint} />
  return <>{props.children(query.data)}</>
}
