// The emulator clock: real time plus an offset that tests and the dev UI can shift.
// The database's serverDate, timer events, CloudID expiry and the functions'
// LOCAL_CLOUD_CLOCK_OFFSET_MS all read it, so "next Monday 08:00" is one POST away.

export class EmulatorClock {
  private offset = 0

  now(): number {
    return Date.now() + this.offset
  }

  get offsetMs(): number {
    return this.offset
  }

  setNow(epochMs: number): void {
    this.offset = epochMs - Date.now()
  }

  setOffset(offsetMs: number): void {
    this.offset = offsetMs
  }

  advance(ms: number): void {
    this.offset += ms
  }

  reset(): void {
    this.offset = 0
  }

  describe(): { now: number; iso: string; offsetMs: number } {
    const now = this.now()
    return { now, iso: new Date(now).toISOString(), offsetMs: this.offset }
  }
}
