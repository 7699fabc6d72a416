/** The monthly / quarterly 通报: periods, the ranking rule, the computation and its words. */
export * from './types'
export * from './period'
export { compareForRank, honourBoards, rankDepartments, rateChange, shownTenths, type RankCandidate } from './rank'
export { changeText, dateText, figureText, pct, scoreText, writeSummary } from './text'
export { type BulletinInput, computeBulletin } from './build'
