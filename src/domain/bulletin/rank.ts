/**
 * How departments are ranked, and who stands on 红榜 / 黑榜.
 *
 * Ranking (only departments whose 综合分 has a value; the others are listed unranked, with the parts
 * that lack data):
 *   1. 综合分, higher first;
 *   2. then 解决率, higher first;
 *   3. then 响应率, higher first;
 *   4. then fewer issues overdue now (当前逾期);
 *   5. then the department's order in the zone's list, then its name.
 * Scores and rates are compared as they are shown — to a tenth of a point (85.3) — so two departments
 * that read the same are never split by a difference nobody can see: the next rule decides.
 * The rank is the position in that order (1, 2, 3, …).
 *
 * 红榜 / 黑榜: among the ranked departments with at least `threshold` issues received (收件), the top
 * and the bottom k, k = min(3, ⌊n / 2⌋) for n such departments — so no department is on both, and a
 * board with fewer than two fair candidates names nobody.
 */

/** Tenths of a percentage point (or of a 综合分 point), as shown: 0.8534 → 853 (85.3). */
export const shownTenths = (v: number): number => Math.round(v * 1000)

export interface RankCandidate {
  id: string
  name: string
  order: number
  score: number | null
  resolution: number | null
  response: number | null
  overdue: number
}

const higher = (a: number | null, b: number | null): number => shownTenths(b ?? -1) - shownTenths(a ?? -1)

/** The ranking order (see above); negative when `a` ranks before `b`. */
export function compareForRank(a: RankCandidate, b: RankCandidate): number {
  return (
    higher(a.score, b.score) ||
    higher(a.resolution, b.resolution) ||
    higher(a.response, b.response) ||
    a.overdue - b.overdue ||
    a.order - b.order ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

/** id → rank (1-based) for the candidates with a 综合分; the others have none. */
export function rankDepartments(candidates: readonly RankCandidate[]): Map<string, number> {
  const ranked = candidates.filter((c) => c.score !== null).sort(compareForRank)
  return new Map(ranked.map((c, i) => [c.id, i + 1]))
}

/**
 * 红榜 and 黑榜 from the ranked departments (in rank order) that are eligible (收件 ≥ threshold).
 * @example honourBoards(['a', 'b', 'c', 'd', 'e']) // { red: ['a', 'b'], black: ['d', 'e'] }
 */
export function honourBoards(eligibleInRankOrder: readonly string[]): { red: string[]; black: string[] } {
  const k = Math.min(3, Math.floor(eligibleInRankOrder.length / 2))
  if (k === 0) return { red: [], black: [] }
  return { red: eligibleInRankOrder.slice(0, k), black: eligibleInRankOrder.slice(-k) }
}

/**
 * The change of a figure against the previous period, as the two are shown.
 * @example rateChange(0.853, 0.8) // 5.3 (percentage points)
 */
export function rateChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null
  return (shownTenths(now) - shownTenths(before)) / 10
}
