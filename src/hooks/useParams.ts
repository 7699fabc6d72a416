/** The page's query parameters (decoded). */
import { useRouter } from '@tarojs/taro'

export function useParams(): Record<string, string> {
  const { params } = useRouter()
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params ?? {})) if (typeof v === 'string') out[k] = safeDecode(v)
  return out
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
