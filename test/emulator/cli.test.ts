// The two entry points other tools depend on: the ready line and --print-env,
// plus a separate Node process driving its own wx-server-sdk against the emulator.
import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { FIXTURE_FUNCTIONS, REPO_ROOT, startLocalCloud } from '../support/localCloud'

jest.setTimeout(60_000)
const run = promisify(execFile)
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx')

const parseEnv = (text: string) =>
  Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))

describe('--print-env', () => {
  it('prints NAME=value lines pointing the SDK at /admin on the given port', async () => {
    const { stdout } = await run(TSX, ['emulator/cli.ts', '--print-env', '--port', '4567'], { cwd: REPO_ROOT })
    expect(parseEnv(stdout)).toEqual({
      TCB_CONTEXT_CNFG: '{"URL":"http://127.0.0.1:4567/admin"}',
      TENCENTCLOUD_SECRETID: expect.any(String),
      TENCENTCLOUD_SECRETKEY: expect.any(String),
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: expect.any(String),
      SCF_NAMESPACE: 'local-env',
      SILENCE: 'true',
    })
  })

  it('refuses an unknown option', async () => {
    await expect(run(TSX, ['emulator/cli.ts', '--bogus'], { cwd: REPO_ROOT })).rejects.toMatchObject({ code: 2 })
  })
})

describe('a running local cloud', () => {
  it('prints exactly one ready line, serves a separate SDK process, and stops cleanly on SIGTERM', async () => {
    const cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS })
    try {
      expect(cloud.output().stdout).toBe(`local cloud ready on http://127.0.0.1:${cloud.port}\n`)
      const { stdout: printed } = await run(TSX, ['emulator/cli.ts', '--print-env', '--port', String(cloud.port)], { cwd: REPO_ROOT })
      const script = `
        const cloud = require('wx-server-sdk')
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
        ;(async () => {
          const called = await cloud.callFunction({ name: 'echo', data: { from: 'outside' } })
          const db = cloud.database()
          await db.createCollection('notes')
          const added = await db.collection('notes').add({ data: { text: 'hi' } })
          const got = await db.collection('notes').doc(added._id).get()
          console.log(JSON.stringify({ event: called.result.event, source: called.result.wxContext.SOURCE, text: got.data.text }))
        })().catch((e) => { console.error(e); process.exit(1) })`
      const { stdout } = await run(process.execPath, ['-e', script], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, ...parseEnv(printed) } })
      expect(JSON.parse(stdout)).toEqual({ event: { from: 'outside' }, source: 'scf', text: 'hi' })
    } finally {
      await cloud.stop()
      expect(cloud.lastExit()).toEqual({ code: 0, signal: null })
    }
  })

  it('listens on 127.0.0.1 only', async () => {
    const cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS })
    try {
      const others = Object.values(os.networkInterfaces()).flat()
        .filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address)
      for (const host of ['::1', ...others]) {
        const connected = await new Promise<boolean>((resolve) => {
          const socket = net.connect({ host, port: cloud.port })
          socket.once('connect', () => { socket.destroy(); resolve(true) })
          socket.once('error', () => resolve(false))
        })
        expect({ host, connected }).toEqual({ host, connected: false })
      }
    } finally {
      await cloud.stop()
    }
  })

  it('exits 0 on SIGINT', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-sigint-'))
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data', dataDir], { cwd: REPO_ROOT })
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('ready on') && resolve()))
    child.kill('SIGINT')
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(0)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps groups, subscriptions, files and documents across kill -9 and restart', async () => {
    const cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS })
    try {
      const { body: group } = await cloud.fetchJson('/dev/groups', { method: 'POST', body: '{"name":"g"}' })
      await cloud.fetchJson('/dev/subscriptions', { method: 'POST', body: JSON.stringify({ openid: 'o1', templateIds: ['T'] }) })
      const keep = 'uploads/o_user_0001/materials/202611/KeptAcrossRestart.pdf'
      const { body: kept } = await cloud.fetchJson(`/dev/upload?cloudPath=${keep}`, { method: 'POST', body: 'kept', headers: { 'x-wx-openid': 'o_user_0001' } })
      await cloud.call('dbCounter', { adds: 2 })
      await cloud.kill9()
      await cloud.restart()
      expect((await cloud.fetchJson('/dev/groups')).body.groups).toMatchObject([{ openGId: group.openGId, name: 'g' }])
      const { result } = await cloud.call('groupReader', { g: { $cloudID: group.cloudID } })
      expect(result.event.g.data.openGId).toBe(group.openGId)
      expect((await cloud.fetchJson('/dev/subscriptions?openid=o1')).body.remaining).toEqual({ T: 1 })
      const { result: links } = await cloud.call('files', { op: 'url', fileIDs: [kept.fileID] })
      expect(await (await fetch(links.fileList[0].tempFileURL)).text()).toBe('kept')
      expect((await cloud.call('dbCounter', { adds: 0 })).result.count).toBe(2)
    } finally {
      await cloud.stop()
    }
  })
})
