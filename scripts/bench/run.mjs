#!/usr/bin/env node
// `npm run bench` → scripts/bench/main.ts under tsx (the domain and the emulator helpers are TypeScript).
//   node scripts/bench/run.mjs [--only size,trips,scale,cold,weapp] [--sizes 1000,10000,100000] [--samples 20] [--rebuild]
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
