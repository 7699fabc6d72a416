// `npm run lint`, a step of `npm test`: the structure, held by three tools over the whole project.
//   ESLint           eslint.config.mjs: JS and typescript-eslint recommended rules, rules of hooks,
//                    a clock-free domain, no collection or database handle outside server/repo/ and
//                    server/runtime/, no `any` in the product
//   dependency-cruiser .dependency-cruiser.cjs: the arrows that must never exist between the parts
//                    (the domain imports nothing of Taro/React/SDK/emulator/server, the mini-program
//                    never imports server/, the emulator never the product, a function entry only
//                    server/runtime/ around its handlers) and no cycles
//   knip             knip.ts: unused files, exports, types and dependencies
// All three run (one after another: they share the two cores with the rest of `npm test`); the step
// fails when any of them finds something, and says which.
import { spawnSync } from 'node:child_process'

const root = new URL('..', import.meta.url).pathname
const tools = [
  ['ESLint', 'npx', ['eslint', '--max-warnings=0', '.']],
  [
    'dependency-cruiser',
    'npx',
    ['depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'src', 'server', 'cloudfunctions', 'emulator', 'scripts', 'test', 'config', 'types'],
  ],
  ['knip', 'npx', ['knip', '--no-progress']],
]

const failed = []
for (const [name, cmd, args] of tools) {
  const started = performance.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  const secs = ((performance.now() - started) / 1000).toFixed(1)
  if (r.status === 0) console.log(`✔ ${name} (${secs} s)`)
  else {
    console.error(`✖ ${name} found problems (${secs} s)`)
    failed.push(name)
  }
}
if (failed.length) {
  console.error(`✖ lint failed: ${failed.join(', ')}`)
  process.exit(1)
}
