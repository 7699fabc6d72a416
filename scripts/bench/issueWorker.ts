/**
 * A worker thread of the scale bench (./scale.ts): makes its share of the issues with its own factory
 * (its own seed and issue numbers), each with its recorded rollup contribution, as import lines; and sums
 * the rollup documents of everything it made so far, sent when asked.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type IssueFacts, type RollupDoc, accumulate, contributionOf, encodeContribution } from '../../src/domain/metrics'
import { IssueFactory, type ZoneIds } from './generate'

export type WorkerRequest = { make: number } | { rollups: true }
export type WorkerReply = { lines: string; ids: string[]; open: number } | { rollups: RollupDoc[] }

const { zone, now, seed, firstSeq } = workerData as { zone: ZoneIds; now: number; seed: number; firstSeq: number }
const factory = new IssueFactory(zone, now, seed, firstSeq)
const rollups = new Map<string, RollupDoc>()
const CLOSED = new Set(['closed', 'withdrawn', 'declined'])

parentPort!.on('message', (req: WorkerRequest) => {
  if ('rollups' in req) return parentPort!.postMessage({ rollups: [...rollups.values()] } satisfies WorkerReply)
  const lines: string[] = []
  const ids: string[] = []
  let open = 0
  for (let i = 0; i < req.make; i++) {
    const issue = factory.make()
    const c = contributionOf(issue.facts as IssueFacts)
    accumulate(rollups, c)
    lines.push(JSON.stringify({ ...issue, rollup: encodeContribution(c) }))
    ids.push(issue._id)
    if (!CLOSED.has(issue.state)) open++
  }
  parentPort!.postMessage({ lines: lines.join('\n'), ids, open } satisfies WorkerReply)
})
