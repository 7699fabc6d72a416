import { spawnSync } from 'child_process'
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { inflateRawSync } from 'zlib'
import { crc32, zipFiles } from '../../server/export/zip'

describe('crc32', () => {
  test('matches the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926)
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
  })
  test('empty input and UTF-8 strings', () => {
    expect(crc32('')).toBe(0)
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339)
    expect(crc32('企业')).toBe(crc32(Buffer.from('企业', 'utf8')))
  })
})

describe('zipFiles', () => {
  const entries = [
    { name: 'a.txt', data: Buffer.from('hello hello hello hello hello hello') },
    { name: 'dir/中文.txt', data: Buffer.from('企业周走访'.repeat(50), 'utf8') },
    { name: 'empty', data: Buffer.alloc(0) },
    { name: 'tiny', data: Buffer.from('x') },
  ]

  test('python zipfile opens it, every CRC checks out, contents round-trip', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-test-'))
    const file = path.join(dir, 'out.zip')
    fs.writeFileSync(file, zipFiles(entries))
    const script = [
      'import sys, zipfile, json, base64',
      'z = zipfile.ZipFile(sys.argv[1])',
      'print(json.dumps({"bad": z.testzip(), "files": {i.filename: [i.compress_type, base64.b64encode(z.read(i)).decode()] for i in z.infolist()}}))',
    ].join('\n')
    const out = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' })
    expect(out.stderr).toBe('')
    const result = JSON.parse(out.stdout)
    expect(result.bad).toBeNull()
    expect(Object.keys(result.files)).toEqual(entries.map((e) => e.name))
    for (const e of entries) expect(Buffer.from(result.files[e.name][1], 'base64').equals(e.data)).toBe(true)
    expect(result.files['a.txt'][0]).toBe(8) // deflated
    expect(result.files['tiny'][0]).toBe(0) // stored: deflate would not shrink it
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('local header layout: signature, method, sizes, deflated body', () => {
    const zip = zipFiles([entries[0]])
    expect(zip.readUInt32LE(0)).toBe(0x04034b50)
    expect(zip.readUInt16LE(8)).toBe(8)
    expect(zip.readUInt32LE(14)).toBe(crc32(entries[0].data))
    const size = zip.readUInt32LE(18)
    const nameLen = zip.readUInt16LE(26)
    expect(inflateRawSync(zip.subarray(30 + nameLen, 30 + nameLen + size)).equals(entries[0].data)).toBe(true)
    const eocd = zip.length - 22
    expect(zip.readUInt32LE(eocd)).toBe(0x06054b50)
    expect(zip.readUInt16LE(eocd + 10)).toBe(1)
  })

  test('refuses archives past the size limit and bad names', () => {
    expect(() => zipFiles(entries, { limit: 100 })).toThrow(/ZIP64/)
    expect(() => zipFiles([{ name: 'big', data: Buffer.alloc(200) }], { limit: 100 })).toThrow(/exceeds/)
    expect(() => zipFiles([entries[0], entries[0]])).toThrow(/duplicate/)
    expect(() => zipFiles([{ name: '', data: Buffer.alloc(1) }])).toThrow(/bad entry/)
  })
})
