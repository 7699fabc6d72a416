/**
 * A form draft kept on the device on every change, so leaving the page, a crash or a lost
 * connection loses nothing. `clear()` after a successful submit.
 */
import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'

export interface Draft<T> {
  draft: T
  /** True when the draft was found on the device (resumed), not freshly made. */
  resumed: boolean
  update: (patch: Partial<T> | ((d: T) => T)) => void
  clear: () => void
}

const PREFIX = 'draft:'

function read<T>(key: string): T | undefined {
  try {
    const raw = Taro.getStorageSync(PREFIX + key)
    if (!raw) return undefined
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T
  } catch {
    return undefined
  }
}

function write<T>(key: string, value: T): void {
  try {
    Taro.setStorageSync(PREFIX + key, JSON.stringify(value))
  } catch {
    // storage full or unavailable: the draft lives on in memory
  }
}

export function useDraft<T extends object>(key: string, fresh: () => T): Draft<T> {
  const initial = useRef<{ value: T; resumed: boolean }>()
  if (!initial.current) {
    const stored = read<T>(key)
    initial.current = stored ? { value: { ...fresh(), ...stored }, resumed: true } : { value: fresh(), resumed: false }
  }
  const [draft, setDraft] = useState<T>(initial.current.value)
  const current = useRef(draft)

  const update = useCallback(
    (patch: Partial<T> | ((d: T) => T)) => {
      const next = typeof patch === 'function' ? patch(current.current) : { ...current.current, ...patch }
      current.current = next
      write(key, next)
      setDraft(next)
    },
    [key],
  )

  const clear = useCallback(() => {
    try {
      Taro.removeStorageSync(PREFIX + key)
    } catch {
      // nothing to remove
    }
    const next = fresh()
    current.current = next
    setDraft(next)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  return { draft, resumed: initial.current.resumed, update, clear }
}
