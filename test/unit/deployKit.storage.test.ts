// The storage security rule in the deploy kit: database/storage-rules.json is deployable, says the
// same as the upload policy the app and the functions use, and apply-database.mjs sets it through
// storage.setStorageAcl('CUSTOM', rule) once — dry-run first, nothing sent again when it is in place.
import path from 'node:path'
import storageRulesJson from '../../database/storage-rules.json'
import { StorageRules } from '../../emulator/storage/storageRules'
import {
  consoleStorageRuleSteps,
  deployPlan,
  loadStorageRules,
  sameStorageRule,
  storageRulePlan,
  validateStorageRules,
} from '../../scripts/deploy/plan.mjs'
import { DOCUMENT_EXTENSIONS, MAX_UPLOAD_BYTES, PHOTO_EXTENSIONS, UPLOAD_FOLDERS, UPLOAD_PATH } from '../../src/domain/uploads'
import { CREDENTIALS, DeployKitSandbox } from './support/deployKitSandbox'

const root = path.join(__dirname, '..', '..')
const json = loadStorageRules(root)
const planned = storageRulePlan(json)

describe('database/storage-rules.json', () => {
  it('is deployable and parses in the platform\'s documented rule language', () => {
    expect(validateStorageRules(json)).toEqual([])
    expect(() => new StorageRules(storageRulesJson)).not.toThrow()
    expect(deployPlan(root).problems.filter((p: string) => p.startsWith('storage-rules'))).toEqual([])
  })

  it('lets clients read nothing', () => {
    expect(json.rule.read).toBe(false)
  })

  it('says what src/domain/uploads.ts says: path shape, folders, types and size', () => {
    const regex = /\/(\^uploads.*\$)\/\.test\(resource\.path\) == true/.exec(String(json.rule.write))![1]
    expect(new RegExp(regex).source).toBe(UPLOAD_PATH.source)
    expect(UPLOAD_PATH.source).toContain(`(${UPLOAD_FOLDERS.join('|')})`)
    expect(json.uploads.photoExtensions).toEqual([...PHOTO_EXTENSIONS])
    expect(json.uploads.documentExtensions).toEqual([...DOCUMENT_EXTENSIONS])
    expect(UPLOAD_PATH.source).toContain(`(${[...PHOTO_EXTENSIONS, ...DOCUMENT_EXTENSIONS].join('|')})`)
    expect(json.uploads.maxBytes).toBe(MAX_UPLOAD_BYTES)
    expect(json.uploads.prefix).toBe('uploads/{openid}/')
  })

  it('the checker catches malformed rules', () => {
    expect(validateStorageRules({ rule: { read: false, write: 'x'.repeat(1025) }, uploads: json.uploads }).join()).toMatch(/1024/)
    expect(validateStorageRules({ rule: { read: false, write: false, delete: true }, uploads: json.uploads }).join()).toMatch(/unknown key delete/)
    expect(validateStorageRules({ rule: { read: false }, uploads: json.uploads }).join()).toMatch(/rule\.write/)
    expect(validateStorageRules({ rule: { read: false, write: false }, uploads: { prefix: 'uploads/', maxBytes: 0 } }).join()).toMatch(/\{openid\}.*maxBytes/)
  })
})

describe('the storage rule plan (manager SDK 5.6.5 setStorageAcl(acl, IStorageAclRule))', () => {
  it('is CUSTOM with exactly { read, write }', () => {
    expect(planned.acl).toBe('CUSTOM')
    expect(Object.keys(planned.rule).sort()).toEqual(['read', 'write'])
    expect(JSON.parse(planned.paste)).toEqual(planned.rule)
    expect(deployPlan(root).storageRule).toEqual(planned)
  })

  it('recognises the rule already in place, and nothing else', () => {
    expect(sameStorageRule({ acl: 'CUSTOM', rule: { ...planned.rule } }, planned)).toBe(true)
    expect(sameStorageRule('READONLY', planned)).toBe(false)
    expect(sameStorageRule({ acl: 'PRIVATE' }, planned)).toBe(false)
    expect(sameStorageRule({ acl: 'CUSTOM', rule: { ...planned.rule, write: true } }, planned)).toBe(false)
    expect(sameStorageRule({ acl: 'CUSTOM', rule: { ...planned.rule, extra: true } }, planned)).toBe(false)
  })

  it('prints console steps with the rule to paste', () => {
    const steps = consoleStorageRuleSteps(planned, 'env-1').join('\n')
    expect(steps).toContain('env-1')
    expect(steps).toContain('存储 → 权限设置 → 自定义安全规则')
    expect(steps).toContain('"read": false')
  })
})

describe('apply-database.mjs sets the storage rule', () => {
  let box: DeployKitSandbox
  beforeEach(() => {
    box = new DeployKitSandbox(root)
  })
  afterEach(() => box.remove())
  const storageCalls = () => box.cloud().calls.filter((c: any[]) => c[0] === 'setStorageAcl')

  it('--dry-run prints the call and the console steps and sends nothing', () => {
    const r = box.run(['--dry-run'])
    expect(r.code).toBe(0)
    expect(r.out).toContain(`storage.setStorageAcl("CUSTOM", ${JSON.stringify(planned.rule)})`)
    expect(r.out).toContain('存储 → 权限设置 → 自定义安全规则')
    expect(box.cloud().calls).toEqual([])
  })

  it('sets CUSTOM with the rule once; a second run finds it in place and sends nothing', () => {
    box.installFake()
    const first = box.run(['--env', 'e1'], CREDENTIALS)
    expect(first.code).toBe(0)
    expect(first.out).toContain('storage rule: set (CUSTOM)')
    expect(storageCalls()).toEqual([['setStorageAcl', 'CUSTOM', planned.rule]])
    expect(JSON.parse(box.cloud().storageAcl.Rule)).toEqual(planned.rule)
    const second = box.run(['--env', 'e1'], CREDENTIALS)
    expect(second.code).toBe(0)
    expect(second.out).toContain('storage rule: already in place')
    expect(storageCalls()).toHaveLength(1)
  })

  it('puts the rule back when someone changed it in the console', () => {
    box.installFake()
    box.writeCloud({ ...box.cloud(), storageAcl: { AclTag: 'READONLY' } })
    expect(box.run(['--env', 'e1'], CREDENTIALS).code).toBe(0)
    expect(storageCalls()).toEqual([['setStorageAcl', 'CUSTOM', planned.rule]])
  })

  it('when the storage API refuses or is missing: the rest is done, console steps printed, exit 3', () => {
    box.installFake()
    const refused = box.run(['--env', 'e1'], { ...CREDENTIALS, FAKE_STORAGE_ACL_FAILS: '1' })
    expect(refused.code).toBe(3)
    expect(refused.out).toContain('storage rule: NOT SET')
    expect(refused.out).toContain('自定义安全规则')
    expect(Object.keys(box.cloud().collections).length).toBeGreaterThan(0)
    const missing = box.run(['--env', 'e1'], { ...CREDENTIALS, FAKE_NO_STORAGE_ACL: '1' })
    expect(missing.code).toBe(3)
    expect(missing.out).toContain('cannot set storage rules')
  })

  it('--skip-rules leaves the storage rule alone too', () => {
    box.installFake()
    expect(box.run(['--env', 'e1', '--skip-rules'], CREDENTIALS).code).toBe(0)
    expect(storageCalls()).toEqual([])
  })
})
