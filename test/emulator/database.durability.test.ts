// Durability: acknowledged writes survive kill -9; batches are all-or-nothing; a torn journal tail is ignored.
import { ChildProcess, spawn } from 'child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { DatabaseService } from '../../emulator/database'
import { loadSdk, pointSdkAt } from './support/dbServer'

jest.setTimeout(20_000)

const child = join(__dirname, 'support', 'dbChild.ts')
let dataDir: string
let proc: ChildProcess | null = null
let cloud: any

async function startChild(): Promise<number> {
  proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    proc!.stdout!.on('data', b => { out += b; const m = /PORT (\d+)/.exec(out); if (m) resolve(Number(m[1])) })
    proc!.on('exit', code => reject(new Error(`child exited early with ${code}`)))
  })
  pointSdkAt(port)
  return port
}

async function killChild() {
  const p = proc!
  proc = null
  const exited = new Promise(resolve => p.on('exit', resolve))
  p.kill('SIGKILL')
  await exited
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'localcloud-durable-'))
  cloud = loadSdk(await startChild())
})

afterAll(async () => {
  if (proc) await killChild()
  rmSync(dataDir, { recursive: true, force: true })
})

const jobs = () => cloud.database().collection('jobs')

test('every acknowledged write survives kill -9 mid-stream and no multi-document update is half-applied', async () => {
  const groups = [0, 1, 2]
  for (const g of groups) await jobs().add({ data: Array.from({ length: 100 }, (_v, i) => ({ _id: `g${g}-${i}`, g, stamp: 0 })) })

  const acked: string[] = []
  const ackedStamp: Record<number, number> = { 0: 0, 1: 0, 2: 0 }
  let stop = false
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      try { await jobs().add({ data: { _id: `w${w}-${i}`, w, i } }); acked.push(`w${w}-${i}`) } catch { return }
    }
  }
  const updater = async () => {
    for (let k = 1; !stop; k++) {
      const g = k % 3
      try { await jobs().where({ g }).update({ data: { stamp: k } }); ackedStamp[g] = k } catch { return }
    }
  }
  const streams = [writer(0), writer(1), writer(2), updater()]
  while (acked.length < 150) await new Promise(r => setTimeout(r, 10))
  await killChild()
  stop = true
  await Promise.all(streams)

  await startChild()
  const db = cloud.database()
  const present = new Set<string>()
  for (let skip = 0; ; skip += 1000) {
    const page = await jobs().where({ w: db.command.exists(true) }).skip(skip).limit(1000).field({ _id: true }).get()
    page.data.forEach((d: any) => present.add(d._id))
    if (page.data.length < 1000) break
  }
  expect(acked.filter(id => !present.has(id))).toEqual([])
  for (const g of groups) {
    const { list } = await jobs().aggregate().match({ g }).group({ _id: '$stamp', n: db.command.aggregate.sum(1) }).end()
    expect(list).toHaveLength(1)
    expect(list[0].n).toBe(100)
    expect(list[0]._id).toBeGreaterThanOrEqual(ackedStamp[g])
  }
})

test('a torn last journal line is ignored and later writes still persist', async () => {
  await jobs().add({ data: { _id: 'before-tear' } })
  await killChild()
  const journal = join(dataDir, 'journal.jsonl')
  appendFileSync(journal, '{"s":999999,"o":[{"p":"jobs","d":{"_id":"torn","half":')
  await startChild()
  expect((await jobs().where({ _id: 'torn' }).count()).total).toBe(0)
  expect((await jobs().doc('before-tear').get()).data._id).toBe('before-tear')
  expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true)
  await jobs().add({ data: { _id: 'after-tear' } })
  await killChild()
  await startChild()
  expect((await jobs().doc('after-tear').get()).data._id).toBe('after-tear')
})

test('compaction into a snapshot keeps every document, created collection and later journal entry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'localcloud-compact-'))
  try {
    const first = new DatabaseService({ dataDir: dir, log: () => {} })
    await first.start()
    await first.handle('database.addCollection', { collectionName: 'made' }, {})
    await first.handle('database.insertDocument', { collectionName: 'made', data: ['{"_id":"m1","at":{"$date":{"$numberLong":"5"}}}'] }, {})
    await first.handle('database.insertDocument', { collectionName: 'jobs', data: ['{"_id":"j1","n":1}', '{"_id":"j2","n":2}'] }, {})
    first.compact()
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe('')
    await first.handle('database.modifyDocument', { collectionName: 'jobs', queryType: 'DOC', query: '{"_id":"j1"}', data: '{"$inc":{"n":1}}', merge: true }, {})
    await first.handle('database.removeDocument', { collectionName: 'jobs', queryType: 'DOC', query: '{"_id":"j2"}' }, {})
    await first.stop()

    const second = new DatabaseService({ dataDir: dir, log: () => {} })
    await second.start()
    const get = async (c: string) => (await second.handle('database.getDocument', { collectionName: c, queryType: 'WHERE', limit: 10 }, {})).data.list
    expect(await get('made')).toEqual(['{"_id":"m1","at":{"$date":"1970-01-01T00:00:00.005Z"}}'])
    expect(await get('jobs')).toEqual(['{"_id":"j1","n":2}'])
    await second.stop()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
