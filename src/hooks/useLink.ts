/**
 * A page reads its query through its own entry of the link table, the entry that made the link:
 * `const p = useLink(links.issue)` → `{ id }`, or undefined when a required parameter is missing.
 * `go(links.issue({ id }))` opens a page.
 */
import Taro from '@tarojs/taro'
import { type PageLink, absolutePath } from '../domain/links'
import { useParams } from './useParams'

export function useLink<P>(entry: PageLink<P>): P | undefined {
  return entry.parse(useParams())
}

export const go = (link: string): void => void Taro.navigateTo({ url: absolutePath(link) })
export const redirect = (link: string): void => void Taro.redirectTo({ url: absolutePath(link) })
