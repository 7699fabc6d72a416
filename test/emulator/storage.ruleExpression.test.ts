// The storage security rule language as the local cloud evaluates it: only what the platform
// documents parses, and the repo's rule allows exactly an owner's well-shaped upload.
import storageRulesJson from '../../database/storage-rules.json'
import { parseRuleExpression, ruleAllows, RuleSyntaxError, type RuleContext } from '../../emulator/storage/ruleExpression'
import { StorageRules, validateStorageRulesJson } from '../../emulator/storage/storageRules'

const NOW = Date.parse('2026-11-18T10:00:00+08:00')
const ctx = (openid: string | null, owner: string | undefined, path: string): RuleContext => ({
  auth: openid === null ? null : { openid },
  resource: { openid: owner, path },
  now: NOW,
})
const allows = (expr: string, c: RuleContext) => ruleAllows(parseRuleExpression(expr), c)

describe('the rule language', () => {
  it.each([
    ['auth != null', ctx('o1', 'o1', 'a.jpg'), true],
    ['auth != null', ctx(null, undefined, 'a.jpg'), false],
    ['resource.openid == auth.openid', ctx('o1', 'o1', 'a.jpg'), true],
    ['resource.openid == auth.openid', ctx('o1', 'o2', 'a.jpg'), false],
    ["auth.loginType != 'ANONYMOUS'", ctx('o1', 'o1', 'a.jpg'), true],
    ['/^public\\//.test(resource.path) == true', ctx(null, undefined, 'public/a.jpg'), true],
    ['/^public\\//.test(resource.path) == false', ctx(null, undefined, 'public/a.jpg'), false],
    ['!(auth == null) && (resource.path == "x" || now > 0)', ctx('o1', undefined, 'y'), true],
    ["resource['path'] === 'a.jpg'", ctx('o1', undefined, 'a.jpg'), true],
  ])('%s', (expr, c, expected) => {
    expect(allows(expr, c)).toBe(expected)
  })

  it('denies when evaluation fails (a member of null), as a failed rule does', () => {
    expect(allows('auth.openid == resource.openid', ctx(null, undefined, 'a.jpg'))).toBe(false)
    expect(allows('auth.openid == null', ctx(null, undefined, 'a.jpg'))).toBe(false)
  })

  it('allows only on exactly true', () => {
    expect(allows("resource.path", ctx('o1', undefined, 'a.jpg'))).toBe(false)
    expect(ruleAllows(true, ctx(null, undefined, 'a'))).toBe(true)
    expect(ruleAllows(false, ctx('o1', 'o1', 'a'))).toBe(false)
    expect(ruleAllows(undefined, ctx('o1', 'o1', 'a'))).toBe(false)
  })

  it.each([
    ['/^a/.test(resource.path)', /compare/],
    ['resource.path.indexOf("a") == 0', /only \/regex\/\.test/],
    ["'uploads/' + auth.openid", /unexpected character/],
    ['doc._openid == auth.openid', /unknown variable doc/],
    ['auth != null &&', /end of expression/],
    ['(auth != null', /expected "\)"/],
    ['/[/.test(resource.path) == true', /unterminated|bad regular expression/],
    ['"open', /unterminated string/],
  ])('rejects %s', (expr, why) => {
    expect(() => parseRuleExpression(expr)).toThrow(RuleSyntaxError)
    expect(() => parseRuleExpression(expr)).toThrow(why)
  })
})

describe('database/storage-rules.json', () => {
  const rules = new StorageRules(storageRulesJson)
  const photo = 'uploads/o_owner_0001/issues/202611/AbCdEfGh12345678.jpg'

  it('parses, and clients read nothing', () => {
    expect(validateStorageRulesJson(storageRulesJson)).toEqual([])
    expect(storageRulesJson.rule.read).toBe(false)
    expect(rules.checkClientRead({ openid: 'o_owner_0001', cloudPath: photo, owner: 'o_owner_0001', now: NOW })).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY' })
  })

  it('the write expression alone: an owner\'s well-shaped upload, nothing else', () => {
    const write = storageRulesJson.rule.write
    expect(allows(write, ctx('o_owner_0001', 'o_owner_0001', photo))).toBe(true)
    expect(allows(write, ctx('o_owner_0001', 'o_owner_0001', photo.replace('.jpg', '.xlsx')))).toBe(true)
    expect(allows(write, ctx(null, undefined, photo))).toBe(false)
    expect(allows(write, ctx('o_other_0002', 'o_owner_0001', photo))).toBe(false)
    expect(allows(write, ctx('o_owner_0001', undefined, photo))).toBe(false)
    expect(allows(write, ctx('o_owner_0001', 'o_owner_0001', photo.replace('.jpg', '.exe')))).toBe(false)
    expect(allows(write, ctx('o_owner_0001', 'o_owner_0001', `exports/2026-11-18-${'0'.repeat(32)}.xlsx`))).toBe(false)
  })

  it('the policy the expression cannot say: the path\'s openid is the caller\'s, and the size', () => {
    const base = { openid: 'o_other_0002', owner: 'o_other_0002', size: 10, now: NOW }
    expect(rules.checkClientWrite({ ...base, cloudPath: photo })?.message).toMatch(/only under uploads\/o_other_0002\//)
    expect(rules.checkClientWrite({ ...base, cloudPath: photo.replace('o_owner_0001', 'o_other_0002') })).toBeUndefined()
    expect(rules.checkClientWrite({ ...base, cloudPath: photo.replace('o_owner_0001', 'o_other_0002'), size: rules.maxBytes + 1 })?.message).toMatch(/limit/)
  })

  it('a malformed rules file is refused when the local cloud starts', () => {
    expect(() => new StorageRules({ ...storageRulesJson, rule: { read: false, write: '/x/.test(resource.path)' } })).toThrow(/compare/)
    expect(validateStorageRulesJson({ rule: { read: 'x'.repeat(1025), write: false }, uploads: {} }).join('\n')).toMatch(/1024[\s\S]*prefix[\s\S]*maxBytes/)
  })
})
