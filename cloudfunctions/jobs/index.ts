import { runJobs } from '../../server/jobs/run'
import { defineFunction } from '../../server/runtime/entry'
import config from './config.json'

/** Timer-only: no client actions; only the hourly trigger named in config.json may run it. */
export const main = defineFunction({}, {}, { timer: { triggerName: config.triggers[0].name, run: ({ now }) => runJobs(now) } })
