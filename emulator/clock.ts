// The emulator clock. By default it is real time; started with a pinned instant (`--clock ISO`) it
// begins there and ticks on from it, so every run of a test suite sees the same dates. Tests and the
// dev UI can shift it further (POST /dev/clock); reset returns it to where it started.
// The database's serverDate, timer events, CloudID expiry and the functions'
// LOCAL_CLOUD_CLOCK_OFFSET_MS all read it, so "next Monday 08:00" is one POST away.

export class EmulatorClock {
  private offset = 0
  private readonly pinnedAt: number | undefined

  /** `pinnedAt`: the instant the clock starts at (and returns to on reset); undefined = real time. */
  constructor(pinnedAt?: number, private readonly realNow: () => number = Date.now) {
    this.pinnedAt = pinnedAt
    this.reset()
  }

  now(): number {
    return this.realNow() + this.offset
  }

  get offsetMs(): number {
    return this.offset
  }

  get pinned(): number | undefined {
    return this.pinnedAt
  }

  setNow(epochMs: number): void {
    this.offset = epochMs - this.realNow()
  }

  setOffset(offsetMs: number): void {
    this.offset = offsetMs
  }

  advance(ms: number): void {
    this.offset += ms
  }

  /** Back to the pinned instant (or to real time when none was pinned). */
  reset(): void {
    if (this.pinnedAt === undefined) this.offset = 0
    else this.setNow(this.pinnedAt)
  }

  describe(): { now: number; iso: string; offsetMs: number; pinnedAt: string | null } {
    const now = this.now()
    return { now, iso: new Date(now).toISOString(), offsetMs: this.offset, pinnedAt: this.pinnedAt === undefined ? null : new Date(this.pinnedAt).toISOString() }
  }
}

/** Parses a `--clock` value: an ISO instant with its zone, or epoch milliseconds. */
export function parseClock(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) return undefined // a zone-less time means a different instant on every machine
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : at
}
