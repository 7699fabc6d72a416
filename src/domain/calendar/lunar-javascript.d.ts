/** The part of lunar-javascript (6tail, no bundled typings) the calendar uses. */
declare module 'lunar-javascript' {
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar
    getYear(): number
    getMonth(): number
    getDay(): number
    /** 'YYYY-MM-DD' */
    toYmd(): string
    getLunar(): Lunar
  }
  export class Lunar {
    /** A lunar date; a negative month means the leap month. */
    static fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar
    getSolar(): Solar
    getYear(): number
    getMonth(): number
    getDay(): number
    /** Solar terms around this lunar year, keyed by Chinese name ('清明', …). */
    getJieQiTable(): Record<string, Solar>
  }
  export class LunarYear {
    static fromYear(lunarYear: number): LunarYear
    /** A month of the lunar year; a negative month means the leap month. */
    getMonth(lunarMonth: number): LunarMonth | null
  }
  export class LunarMonth {
    /** 29 or 30 */
    getDayCount(): number
  }
}
