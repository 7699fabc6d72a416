/** The monthly / quarterly 通报: periods, the ranking rule, the computation and its words. */
export * from './bulletinView'
export * from './period'
export { honourBoards, rankDepartments, rateChange, type RankCandidate } from './rank'
export { changeText, dateText, figureText, pct, scoreText } from './text'
export { type BulletinInput, computeBulletin } from './build'
