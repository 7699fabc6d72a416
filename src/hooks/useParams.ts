/** The page's query as WeChat hands it to onLoad (values raw: WeChat does not decode them). */
import { useRouter } from '@tarojs/taro'

export function useParams(): Record<string, string> {
  const { params } = useRouter()
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params ?? {})) if (typeof v === 'string') out[k] = v
  return out
}
