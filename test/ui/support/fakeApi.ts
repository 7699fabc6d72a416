/**
 * A fake of the app's api client: tests say what each `fn.action` answers. Use with
 * jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
 */
type Handler = (input: any, extra?: any) => unknown

export const handlers: Record<string, Handler> = {}
export const calls: { key: string; input: any; extra?: any }[] = []

export function answer(key: string, h: Handler | unknown): void {
  handlers[key] = typeof h === 'function' ? (h as Handler) : () => h
}

export function resetApi(): void {
  for (const k of Object.keys(handlers)) delete handlers[k]
  calls.length = 0
}

export const callsOf = (key: string) => calls.filter((c) => c.key === key)

/** @public Used by each UI test's `jest.mock(…, () => require('./support/fakeApi').apiModule())`, which knip cannot follow. */
export function apiModule() {
  const actual = jest.requireActual('../../../src/api')
  return {
    ...actual,
    call: jest.fn(async (fn: string, action: string, input: unknown, extra?: unknown) => {
      const key = `${fn}.${action}`
      calls.push({ key, input, extra })
      const h = handlers[key]
      if (!h) throw new actual.ApiError('NOT_FOUND', `no fake for ${key}`)
      return h(input, extra)
    }),
  }
}
