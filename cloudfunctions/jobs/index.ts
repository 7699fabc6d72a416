import { runJobs } from '../../server/jobs/run'
import { defineFunction } from '../../server/runtime/entry'

/** Timer-only: no client actions. */
export const main = defineFunction({}, {}, { onTimer: ({ now }) => runJobs(now) })
