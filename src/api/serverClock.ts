/**
 * The server's clock as the mini-program knows it. Every reply carries the server's time; the
 * difference to the phone's clock is kept, so "now" on every page (this week, this month, time left)
 * is the server's now even when the phone's clock is wrong — and the local cloud's pinned clock in tests.
 */
let offsetMs = 0

/** Learns the server's time from a reply (called by the client on every envelope that carries one). */
export function observeServerTime(serverNow: unknown, localNow = Date.now()): void {
  if (typeof serverNow === 'number' && Number.isFinite(serverNow)) offsetMs = serverNow - localNow
}

/** Now, by the server's clock (epoch ms). */
export const serverNow = (): number => Date.now() + offsetMs
