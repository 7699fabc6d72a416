// server/files/attachments.ts and src/domain/uploads.ts: which files a record may cite, as pure rules.
import { ATTACHMENT_REFUSED, checkAttachments, isOwnAttachment } from '../../server/files/attachments'
import { AppError } from '../../src/domain/errors'
import { cloudPathOfFileId, extensionOf, parseUploadPath } from '../../src/domain/uploads'

const ME = 'oAbcDEF123_-xyz456789012345678'
const id = (path: string) => `cloud://prod-1a2b.7072-prod-1a2b-1300000000/${path}`
const mine = (name = 'Ab12Cd34Ef56Gh78.jpg', folder = 'issues') => id(`uploads/${ME}/${folder}/202611/${name}`)

describe('checkAttachments', () => {
  it('returns the caller\'s own uploads, each once, in order', () => {
    const a = mine()
    const b = mine('Zz12Cd34Ef56Gh78.webp', 'visits')
    expect(checkAttachments([a, b, a], ME, 'photos')).toEqual([a, b])
    expect(checkAttachments([], ME, 'photos')).toEqual([])
  })

  it.each([
    ['another user\'s upload', id('uploads/oSomeoneElse0000000000000000/issues/202611/Ab12Cd34Ef56Gh78.jpg')],
    ['a path that only starts like mine', id(`uploads/${ME}x/issues/202611/Ab12Cd34Ef56Gh78.jpg`)],
    ['a function\'s file', id('exports/2026-11-18-0123456789abcdef0123456789abcdef.xlsx')],
    ['a traversal', id(`uploads/${ME}/issues/202611/../../oOther/x.jpg`)],
    ['a web link', 'https://example.com/a.jpg'],
    ['a document as a photo', mine('Ab12Cd34Ef56Gh78.pdf', 'materials')],
    ['an executable', mine('Ab12Cd34Ef56Gh78.exe')],
    ['an upper-case extension', mine('Ab12Cd34Ef56Gh78.JPG')],
    ['a folder outside the list', id(`uploads/${ME}/secret/202611/Ab12Cd34Ef56Gh78.jpg`)],
  ])('refuses %s with INVALID_INPUT and a Chinese message', (_what, fileID) => {
    const error = (() => {
      try {
        checkAttachments([mine(), fileID], ME, 'photos')
      } catch (e) {
        return e
      }
    })() as AppError
    expect(error).toBeInstanceOf(AppError)
    expect(error.toJSON()).toEqual({ code: 'INVALID_INPUT', message: ATTACHMENT_REFUSED.photos, details: { fileIds: [fileID] } })
    expect(error.message).toMatch(/^附件不属于您或格式不支持/)
  })

  it('takes documents as materials', () => {
    for (const ext of ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg']) expect(isOwnAttachment(mine(`Ab12Cd34Ef56Gh78.${ext}`, 'materials'), ME, 'materials')).toBe(true)
  })

  it('refuses everything for a caller without a usable openid', () => {
    expect(isOwnAttachment(id('uploads//issues/202611/Ab12Cd34Ef56Gh78.jpg'), '', 'photos')).toBe(false)
    expect(() => checkAttachments([mine()], '', 'photos')).toThrow(ATTACHMENT_REFUSED.photos)
  })
})

describe('upload paths', () => {
  it('parses an upload path and its file id', () => {
    const path = cloudPathOfFileId(mine('Ab12Cd34Ef56Gh78.png'))!
    expect(parseUploadPath(path)).toEqual({ openid: ME, folder: 'issues', yyyymm: '202611', extension: 'png' })
    expect(parseUploadPath('uploads/x/issues/202611/Ab12Cd34Ef56Gh78.png')).toBeUndefined()
    expect(cloudPathOfFileId('cloud://env/only-env-no-bucket.jpg')).toBeUndefined()
  })

  it('reads extensions from names and temp paths', () => {
    expect(extensionOf('wxfile://tmp_a1b2.JPG')).toBe('jpg')
    expect(extensionOf('https://cdn.example.com/x.y/photo.jpeg?x=1')).toBe('jpeg')
    expect(extensionOf('blob:http://localhost/123')).toBe('')
    expect(extensionOf('.hidden')).toBe('')
  })
})
