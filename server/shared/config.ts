import { DEFAULT_DESK_CONFIG, type DeskConfig } from '../../src/domain/issue'

const positiveInt = (raw: string | undefined, fallback: number): number => {
  const n = Number(raw)
  return Number.isInteger(n) && n > 0 && n < 365 ? n : fallback
}

/** The desk's limits, adjustable per deployment through the function environment. */
export function deskConfig(): DeskConfig {
  return {
    ...DEFAULT_DESK_CONFIG,
    autoCloseWorkingDays: positiveInt(process.env.AUTO_CLOSE_WORKING_DAYS, DEFAULT_DESK_CONFIG.autoCloseWorkingDays),
    redAfterWorkingDays: positiveInt(process.env.RED_AFTER_WORKING_DAYS, DEFAULT_DESK_CONFIG.redAfterWorkingDays),
  }
}
