/**
 * The wx object the production build talks to, routed to the local cloud and to the story's
 * scripted answers (device.ts). Installed as `global.wx` before miniprogram-simulate merges its
 * own mock underneath; every function on the final object is wrapped so each wx.* call is recorded.
 */
import type { Device } from './device'

/** What the fake needs from the page stack (miniapp.ts). */
export interface NavigationHost {
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string): Promise<void>
  back(delta: number): Promise<void>
  setTitle(title: string): void
}

type Opts = Record<string, any>
type Impl = (opts: Opts) => unknown

/** In-flight async work (cloud calls, uploads, downloads): the harness waits for it to settle. */
export const inflight = { count: 0, cloudCalls: 0 }

/** A WeChat-style async API: callbacks when given, a promise otherwise; failures carry errMsg. */
function asyncApi(name: string, impl: Impl) {
  return (opts: Opts = {}) => {
    let result: Promise<unknown>
    try {
      result = Promise.resolve(impl(opts))
    } catch (e) {
      result = Promise.reject(e)
    }
    inflight.count++
    const settled = result.then(
      (res) => ({ ok: true as const, res: { errMsg: `${name}:ok`, ...(res as object) } }),
      (e) => ({ ok: false as const, res: { errMsg: `${name}:fail ${e?.message ?? e}`, ...(e?.errCode !== undefined ? { errCode: e.errCode } : {}) } }),
    )
    const done = settled.then((r) => {
      inflight.count--
      if (r.ok) opts.success?.(r.res)
      else opts.fail?.(r.res)
      opts.complete?.(r.res)
      if (!r.ok) throw r.res
      return r.res
    })
    if (opts.success || opts.fail || opts.complete) {
      done.catch(() => undefined)
      return undefined
    }
    return done
  }
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const text = await res.text()
  if (!res.ok) throw new Error(`HTTP ${res.status} ${text.slice(0, 200)}`)
  return text ? JSON.parse(text) : {}
}

const refuse = (message: string, errCode?: number) => Object.assign(new Error(message), errCode === undefined ? {} : { errCode })

/** Who the fake serves right now: swapped by the harness on every launch. */
export interface WxHolder {
  device: Device
  host: NavigationHost
}

export function createWxFake(h: WxHolder): Record<string, any> {
  const tempFiles = new Map<string, Buffer>()
  let tempSeq = 0
  const tempPath = (ext: string) => `wxfile://tmp_${++tempSeq}.${ext}`
  const fileUrl = (fileID: string) => {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
    return m ? `${h.device.cloudUrl}/files/${m[1].split('/').map(encodeURIComponent).join('/')}` : fileID
  }

  const cloud = {
    init: () => undefined,
    DYNAMIC_CURRENT_ENV: 'local-env',
    CloudID: (id: string) => ({ $cloudID: id }),
    callFunction: asyncApi('cloud.callFunction', async ({ name, data }) => {
      inflight.cloudCalls++
      if (h.device.offline) throw refuse('request:fail network offline', -1)
      const body = await post(`${h.device.cloudUrl}/functions/${name}`, { event: data }, { 'x-wx-openid': h.device.openid })
      h.device.replies.push(JSON.stringify(body))
      if ('result' in body) return { result: body.result }
      throw refuse(`${body.errCode} ${body.errMsg}`, body.errCode)
    }),
    uploadFile: asyncApi('cloud.uploadFile', async ({ cloudPath, filePath }) => {
      const bytes = tempFiles.get(filePath)
      if (!bytes) throw refuse(`no such file ${filePath}`)
      if (h.device.offline) throw refuse('uploadFile:fail network offline', -1)
      const res = await fetch(`${h.device.cloudUrl}/dev/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
        method: 'POST',
        headers: { 'x-wx-openid': h.device.openid },
        body: new Uint8Array(bytes),
      })
      const text = await res.text()
      if (!res.ok) throw refuse(`HTTP ${res.status} ${text.slice(0, 200)}`)
      return { fileID: JSON.parse(text).fileID, statusCode: 200 }
    }),
    getTempFileURL: asyncApi('cloud.getTempFileURL', async ({ fileList }) => ({
      fileList: (fileList as (string | { fileID: string })[]).map((f) => {
        const fileID = typeof f === 'string' ? f : f.fileID
        return { fileID, tempFileURL: fileUrl(fileID), status: 0 }
      }),
    })),
  }

  const groupCloudId = async (): Promise<{ cloudID: string }> => {
    if (!h.device.groupOpenGId || ![3, 4].includes(h.device.enter.chatType ?? 0)) throw refuse('not opened from a group')
    const { cloudID } = await post(`${h.device.cloudUrl}/dev/groups/${encodeURIComponent(h.device.groupOpenGId)}/cloudid`, {})
    return { cloudID }
  }

  return {
    cloud,
    getEnterOptionsSync: () => ({ query: {}, path: 'pages/index/index', ...h.device.enter }),
    getLaunchOptionsSync: () => ({ query: {}, path: 'pages/index/index', ...h.device.enter }),
    getGroupEnterInfo: asyncApi('getGroupEnterInfo', async () => ({ ...(await groupCloudId()), encryptedData: '', iv: '' })),
    getShareInfo: asyncApi('getShareInfo', async ({ shareTicket }) => {
      if (!shareTicket || shareTicket !== h.device.enter.shareTicket) throw refuse('invalid shareTicket')
      return { ...(await groupCloudId()), encryptedData: '', iv: '' }
    }),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (opts) => {
      // WeChat: only inside a tap's handler (base library ≥ 2.8.2); checked synchronously.
      if (!h.device.inTap) {
        h.device.unscripted.push(`requestSubscribeMessage outside a tap on ${h.device.topRoute()}`)
        throw refuse('can only be invoked by user TAP gesture.', 20001)
      }
      const ids: string[] = opts.tmplIds ?? []
      const answer = h.device.subscribeAnswer
      return (async () => {
        if (answer === 'accept') await post(`${h.device.cloudUrl}/dev/subscriptions`, { openid: h.device.openid, templateIds: ids })
        return Object.fromEntries(ids.map((id) => [id, answer]))
      })()
    }),
    getLocation: asyncApi('getLocation', async () => {
      if (h.device.location === 'deny') throw refuse('auth deny')
      return { ...h.device.location, horizontalAccuracy: h.device.location.accuracy, speed: 0, altitude: 0 }
    }),
    chooseMedia: asyncApi('chooseMedia', async ({ count = 9 }) => {
      const batch = h.device.photos.shift()
      if (!batch || !batch.length) throw refuse('cancel')
      return {
        type: 'image',
        tempFiles: batch.slice(0, count).map((f) => {
          const p = tempPath(f.name.split('.').pop() || 'jpg')
          tempFiles.set(p, f.bytes)
          return { tempFilePath: p, size: f.bytes.length, fileType: 'image' }
        }),
      }
    }),
    downloadFile: asyncApi('downloadFile', async ({ url }) => {
      const res = await fetch(url)
      const bytes = Buffer.from(await res.arrayBuffer())
      const p = tempPath(/\.(\w+)(?:\?|$)/.exec(url)?.[1] ?? 'bin')
      tempFiles.set(p, bytes)
      return { tempFilePath: p, statusCode: res.status }
    }),
    openDocument: asyncApi('openDocument', async ({ filePath, fileType }) => {
      const bytes = tempFiles.get(filePath)
      if (!bytes) throw refuse(`no such file ${filePath}`)
      h.device.openedDocuments.push({ filePath, bytes, fileType })
      return {}
    }),
    showModal: asyncApi('showModal', async ({ title = '', content = '', showCancel = true }) => {
      let confirm = true
      if (showCancel !== false) {
        const scripted = h.device.modalAnswers.shift()
        if (!scripted) h.device.unscripted.push(`showModal「${title}」had no scripted answer: answered 取消`)
        confirm = scripted?.confirm ?? false
      }
      h.device.modals.push({ title, content, answer: confirm })
      return { confirm, cancel: !confirm }
    }),
    showToast: asyncApi('showToast', async ({ title = '' }) => {
      h.device.toasts.push(title)
      return {}
    }),
    setClipboardData: asyncApi('setClipboardData', async ({ data }) => {
      h.device.clipboard = String(data)
      return {}
    }),
    getStorageSync: (key: string) => (h.device.storage.has(key) ? h.device.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void h.device.storage.set(key, value),
    removeStorageSync: (key: string) => void h.device.storage.delete(key),
    clearStorageSync: () => h.device.storage.clear(),
    navigateTo: asyncApi('navigateTo', ({ url }) => h.host.navigate('navigateTo', url)),
    redirectTo: asyncApi('redirectTo', ({ url }) => h.host.navigate('redirectTo', url)),
    reLaunch: asyncApi('reLaunch', ({ url }) => h.host.navigate('reLaunch', url)),
    switchTab: asyncApi('switchTab', ({ url }) => h.host.navigate('switchTab', url)),
    navigateBack: asyncApi('navigateBack', ({ delta = 1 }) => h.host.back(delta)),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', ({ title }) => h.host.setTitle(title)),
  }
}

/** Wraps every function of the final wx object (and wx.cloud) so each call lands in device.calls. */
export function recordCalls(wx: Record<string, any>, h: WxHolder): void {
  const wrap = (target: Record<string, any>, prefix: string) => {
    for (const key of Object.keys(target)) {
      const fn = target[key]
      if (typeof fn !== 'function' || key === 'CloudID' || /^[A-Z]/.test(key) || fn.__recorded) continue
      const wrapped = function (this: unknown, ...args: unknown[]) {
        h.device.record(prefix + key, args[0])
        return fn.apply(this, args)
      }
      ;(wrapped as any).__recorded = true
      target[key] = wrapped
    }
  }
  wrap(wx, '')
  wrap(wx.cloud, 'cloud.')
}
