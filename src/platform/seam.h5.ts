/** H5 (local demo, browser tests): the local cloud over HTTP, dev endpoints for WeChat-only abilities. */
import Taro from '@tarojs/taro'
import { cloudUrl, groupOpenGId, personaOpenid } from './dev/settings'
import { type LocalFile, type Platform, isWebLink, localPreviewOf, rememberLocalPreview } from './seamApi'

/** POSTs JSON to the local cloud; resolves with its JSON reply, read as `T` (the local cloud's documented shape). */
async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${cloudUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return (await res.json()) as T
}

function pickFiles(max: number): Promise<LocalFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,image/webp'
    input.multiple = max > 1
    input.style.display = 'none'
    const done = (files: LocalFile[]) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, max)
      done(files.map((f) => ({ path: URL.createObjectURL(f), size: f.size, blob: f, name: f.name })))
    })
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
}

const ZONE_POINT = { latitude: 34.8107, longitude: 117.3236, accuracy: 30 }

export const platform: Platform = {
  kind: 'h5',
  async callFunction(name, data) {
    try {
      const body = await post<{ result?: unknown; errCode?: string | number; errMsg?: string }>(`/functions/${name}`, { event: data }, { 'x-wx-openid': personaOpenid() })
      if ('result' in body) return { result: body.result }
      return { transportError: `${body.errCode ?? ''} ${body.errMsg ?? '未知错误'}` }
    } catch (e) {
      return { transportError: String((e as Error | null | undefined)?.message || e) }
    }
  },
  openedFromGroup: () => !!groupOpenGId(),
  async groupCloudId() {
    const openGId = groupOpenGId()
    if (!openGId) return undefined
    try {
      const { cloudID } = await post<{ cloudID?: string }>(`/dev/groups/${encodeURIComponent(openGId)}/cloudid`, {})
      return cloudID ? { $cloudID: cloudID } : undefined
    } catch {
      return undefined
    }
  },
  async requestSubscribe(templateIds) {
    if (!templateIds.length) return {}
    // Like WeChat's "总是保持以上选择": asked once per session, then the answer stands.
    let answer = sessionStorage.getItem('dev.subscribe')
    if (!answer) {
      const { confirm } = await Taro.showModal({ title: '订阅消息（模拟）', content: '允许「企业周走访」发送办理进度通知？（本次会话内不再询问）', confirmText: '允许', cancelText: '拒绝' })
      answer = confirm ? 'accept' : 'reject'
      sessionStorage.setItem('dev.subscribe', answer)
    }
    if (answer !== 'accept') return Object.fromEntries(templateIds.map((id) => [id, 'reject']))
    await post('/dev/subscriptions', { openid: personaOpenid(), templateIds }).catch(() => undefined)
    return Object.fromEntries(templateIds.map((id) => [id, 'accept']))
  },
  getLocation() {
    return new Promise((resolve) => {
      if (typeof navigator === 'undefined' || !navigator.geolocation) return resolve(ZONE_POINT)
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }),
        () => resolve(ZONE_POINT),
        { enableHighAccuracy: true, timeout: 3000 },
      )
    })
  },
  choosePhotos: pickFiles,
  /** The local cloud's client door — what wx.cloud.uploadFile reaches — as the persona: the storage rule applies. */
  async uploadFile(file, cloudPath) {
    const bytes = file.blob ?? (await (await fetch(file.path)).blob())
    const res = await fetch(`${cloudUrl()}/dev/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'x-wx-openid': personaOpenid() },
      body: bytes,
    })
    if (!res.ok) throw new Error(`上传失败（HTTP ${res.status}）`)
    const { fileID } = await res.json()
    rememberLocalPreview(fileID, file.path)
    return fileID
  },
  displayUrl: (fileID) => (isWebLink(fileID) ? fileID : localPreviewOf(fileID) ?? ''),
  async tempUrls(fileIDs) {
    if (!fileIDs.length) return {}
    try {
      const body = await post<{ fileList?: { fileID: string; status: number; tempFileURL: string }[] }>('/dev/temp-file-urls', { fileList: fileIDs }, { 'x-wx-openid': personaOpenid() })
      return Object.fromEntries((body.fileList ?? []).filter((f) => f.status === 0).map((f) => [f.fileID, f.tempFileURL]))
    } catch {
      return {}
    }
  },
  async openDocument(url) {
    window.open(url, '_blank')
  },
  enableGroupShare: () => undefined,
}
