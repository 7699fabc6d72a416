/**
 * Server time. In the local cloud a test may shift the emulator's clock; the emulator passes the
 * shift to every invocation as LOCAL_CLOUD_CLOCK_OFFSET_MS. The real cloud never sets it.
 */
export function now(): number {
  const offset = Number(process.env.LOCAL_CLOUD_CLOCK_OFFSET_MS || 0)
  return Date.now() + (Number.isFinite(offset) ? offset : 0)
}
