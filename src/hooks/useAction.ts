/**
 * Wraps an async action so a double tap fires it once: taps while it is pending are ignored.
 * The guard is a ref (set synchronously), so even two taps in the same frame run it once.
 */
import { useCallback, useRef, useState } from 'react'

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>
  pending: boolean
}

export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const pendingRef = useRef(false)
  const [pending, setPending] = useState(false)
  const fnRef = useRef(fn)
  fnRef.current = fn

  const run = useCallback(async (...args: A) => {
    if (pendingRef.current) return undefined
    pendingRef.current = true
    setPending(true)
    try {
      return await fnRef.current(...args)
    } finally {
      pendingRef.current = false
      setPending(false)
    }
  }, [])

  return { run, pending }
}
