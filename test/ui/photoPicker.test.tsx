import './support/quiet'
import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { PhotoPicker } from '../../src/components/PhotoPicker'
import { forgetWhoAmI } from '../../src/hooks/useWhoAmI'
import { platform } from '../../src/platform/seam'
import { answer, resetApi } from './support/fakeApi'
import { who } from './support/fixtures'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())

const OPENID = 'oLiaisonOpenid000000000000001'

function Harness(props: { onIds: (ids: string[]) => void }) {
  const [ids, setIds] = useState<string[]>([])
  return <PhotoPicker value={ids} folder='issues' onChange={(next) => { setIds(next); props.onIds(next) }} />
}

beforeEach(() => {
  resetApi()
  forgetWhoAmI()
  answer('me.whoami', who({ openid: OPENID }))
  ;(Taro.showToast as jest.Mock).mockClear()
})
const spies: jest.SpyInstance[] = []
afterEach(() => spies.splice(0).forEach((spy) => spy.mockRestore()))

describe('uploading photos', () => {
  it('uploads each photo under the user\'s own prefix, with its own extension', async () => {
    spies.push(jest.spyOn(platform, 'choosePhotos').mockResolvedValue([
      { path: 'wxfile://tmp_a1.jpg', size: 200_000 },
      { path: 'blob:http://localhost/1', size: 300_000, name: '现场.PNG' },
    ]))
    const upload = jest.spyOn(platform, 'uploadFile').mockImplementation(async (_f, cloudPath) => `cloud://env.bucket/${cloudPath}`)
    spies.push(upload)
    let ids: string[] = []
    const { container } = render(<Harness onIds={(next) => (ids = next)} />)
    await act(async () => fireEvent.click(container.querySelector('.photos__add')!))
    const paths = upload.mock.calls.map(([, cloudPath]) => cloudPath)
    expect(paths).toEqual([
      expect.stringMatching(new RegExp(`^uploads/${OPENID}/issues/\\d{6}/[A-Za-z0-9]{24}\\.jpg$`)),
      expect.stringMatching(new RegExp(`^uploads/${OPENID}/issues/\\d{6}/[A-Za-z0-9]{24}\\.png$`)),
    ])
    expect(ids).toHaveLength(2)
  })

  it('refuses other formats and photos over 10 MB before uploading, and says why', async () => {
    spies.push(jest.spyOn(platform, 'choosePhotos').mockResolvedValue([
      { path: 'wxfile://tmp_a1.gif', size: 1000 },
      { path: 'wxfile://tmp_a2.jpg', size: 10 * 1024 * 1024 + 1 },
    ]))
    const upload = jest.spyOn(platform, 'uploadFile')
    spies.push(upload)
    const { container } = render(<Harness onIds={() => undefined} />)
    await act(async () => fireEvent.click(container.querySelector('.photos__add')!))
    expect(upload).not.toHaveBeenCalled()
    const toasts = (Taro.showToast as jest.Mock).mock.calls.map(([o]) => o.title)
    expect(toasts).toEqual(['仅支持 jpg、png、webp 格式的照片', '照片超过 10 MB，请压缩后再传'])
  })
})
