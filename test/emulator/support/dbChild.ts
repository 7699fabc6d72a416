// A database harness in its own process, for crash tests: `node --import tsx dbChild.ts <dataDir>`.
// Prints "PORT <n>" once it is listening.
import { startDbServer } from './dbServer'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: dbChild.ts <dataDir>')
startDbServer({ dataDir, log: () => {} }).then(s => {
  process.stdout.write(`PORT ${s.port}\n`)
})
