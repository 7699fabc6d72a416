// The mini-program's upload paths are exactly what the storage rule admits for their user.
import storageRules from '../../database/storage-rules.json'
import { StorageRules } from '../../emulator/storage/storageRules'
import { UPLOAD_PATH, parseUploadPath } from '../../src/domain/uploads'
import { cloudPathFor } from '../../src/platform/seamApi'
import { at } from '../support/clock'

const rules = new StorageRules(storageRules)
const OPENID = 'oAbcDEF123_-xyz456789012345678'

describe('cloudPathFor', () => {
  it('gives uploads/<openid>/<folder>/<yyyymm>/<random>.<ext>, which the storage rule admits for that user only', () => {
    const now = at('2026-11-18T10:00:00+08:00')
    const path = cloudPathFor('issues', OPENID, 'jpg', now)
    expect(path).toMatch(new RegExp(`^uploads/${OPENID}/issues/202611/[A-Za-z0-9]{24}\\.jpg$`))
    expect(UPLOAD_PATH.test(path)).toBe(true)
    expect(rules.checkClientWrite({ openid: OPENID, cloudPath: path, size: 1000, owner: OPENID, now })).toBeUndefined()
    expect(rules.checkClientWrite({ openid: 'oSomeoneElse00000000000000000', cloudPath: path, size: 1000, owner: 'oSomeoneElse00000000000000000', now })).toBeDefined()
  })

  it('files by the month in Asia/Shanghai', () => {
    expect(parseUploadPath(cloudPathFor('visits', OPENID, 'png', at('2026-11-30T23:30:00+08:00')))?.yyyymm).toBe('202611')
    expect(parseUploadPath(cloudPathFor('visits', OPENID, 'png', at('2026-11-30T16:30:00Z')))?.yyyymm).toBe('202612')
    expect(parseUploadPath(cloudPathFor('materials', OPENID, 'pdf', at('2026-12-31T16:00:00Z')))).toMatchObject({ yyyymm: '202701', folder: 'materials', extension: 'pdf' })
  })

  it('never repeats a name', () => {
    const now = at('2026-11-18T10:00:00+08:00')
    const paths = new Set(Array.from({ length: 500 }, () => cloudPathFor('issues', OPENID, 'jpg', now)))
    expect(paths.size).toBe(500)
  })
})
