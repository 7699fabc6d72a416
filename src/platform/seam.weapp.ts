/** WeChat: cloud development, group open data, subscriptions, location, media. */
import Taro from '@tarojs/taro'
import { type Platform, isWebLink, localPreviewOf, rememberLocalPreview } from './seamApi'

/**
 * wx.cloud where Taro's typings fall short: init takes the DYNAMIC_CURRENT_ENV marker (missing from
 * them) as its env, and CloudID returns the object an event carries (typed there as returning void).
 */
type WxCloud = Omit<typeof Taro.cloud, 'init' | 'CloudID'> & {
  DYNAMIC_CURRENT_ENV: unknown
  init(config: { env: unknown; traceUser: boolean }): void
  CloudID(cloudID: string): unknown
}

let cloudReady = false
function cloud(): WxCloud {
  const wxCloud = Taro.cloud as unknown as WxCloud
  if (!cloudReady) {
    wxCloud.init({ env: CLOUD_ENV_ID || wxCloud.DYNAMIC_CURRENT_ENV, traceUser: true })
    cloudReady = true
  }
  return wxCloud
}

const GROUP_CHAT_TYPES = [3, 4] // 普通微信群聊, 企业微信互通群聊
const GROUP_SCENES = [1008, 1044] // group card, card with shareTicket

/** The launch options this seam reads (chatType is newer than Taro's typings). */
interface EnterOptions {
  chatType?: number
  scene?: number
  shareTicket?: string
}

function enterOptions(): EnterOptions {
  try {
    return (Taro.getEnterOptionsSync() as EnterOptions | undefined) || {}
  } catch {
    return {}
  }
}

function openedFromGroup(): boolean {
  const opts = enterOptions()
  return GROUP_CHAT_TYPES.includes(opts.chatType ?? 0) || GROUP_SCENES.includes(opts.scene ?? 0)
}

async function groupCloudIdString(): Promise<string | undefined> {
  if (!openedFromGroup()) return undefined
  const opts = enterOptions()
  try {
    // Resolves with the open data (cloudID); Taro types it as a bare callback result.
    const info = (await Taro.getGroupEnterInfo({})) as { cloudID?: string } | undefined
    if (info?.cloudID) return info.cloudID
  } catch {
    // older base library or not a group scene: fall back to the share ticket
  }
  if (!opts.shareTicket) return undefined
  try {
    const info: { cloudID?: string } | undefined = await Taro.getShareInfo({ shareTicket: opts.shareTicket })
    return info?.cloudID
  } catch {
    return undefined
  }
}

export const platform: Platform = {
  kind: 'weapp',
  async callFunction(name, data) {
    try {
      const res = await cloud().callFunction({ name, data })
      return { result: res.result }
    } catch (e) {
      const err = e as { errMsg?: string; message?: string } | null | undefined
      return { transportError: String(err?.errMsg || err?.message || e) }
    }
  },
  openedFromGroup,
  async groupCloudId() {
    const id = await groupCloudIdString()
    return id ? cloud().CloudID(id) : undefined
  },
  async requestSubscribe(templateIds) {
    if (!templateIds.length) return {}
    try {
      // Taro's typings ask for entityIds as well (WeChat wants one of the two); it resolves with one
      // key per template id: 'accept' | 'reject' | 'ban' | 'filter'.
      const option = { tmplIds: templateIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]
      const res = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, unknown>
      return Object.fromEntries(templateIds.map((id) => [id, String(res[id] ?? 'reject')]))
    } catch {
      return {}
    }
  },
  async getLocation() {
    const r: { latitude: number; longitude: number; accuracy?: number; horizontalAccuracy?: number } = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 })
    return { latitude: r.latitude, longitude: r.longitude, accuracy: Math.round(r.accuracy ?? r.horizontalAccuracy ?? 0) }
  },
  async choosePhotos(max) {
    const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return r.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }))
  },
  async uploadFile(file, cloudPath) {
    const { fileID } = await cloud().uploadFile({ cloudPath, filePath: file.path })
    rememberLocalPreview(fileID, file.path)
    return fileID
  },
  // A cloud:// id shows only if the storage rule lets this user read it (ours does not): views pass function-issued links.
  displayUrl: (fileID) => (isWebLink(fileID) ? fileID : localPreviewOf(fileID) ?? fileID),
  async tempUrls(fileIDs) {
    if (!fileIDs.length) return {}
    try {
      const r = await cloud().getTempFileURL({ fileList: fileIDs })
      return Object.fromEntries((r.fileList ?? []).filter((f) => f.status === 0 && f.tempFileURL).map((f) => [f.fileID, f.tempFileURL]))
    } catch {
      return {}
    }
  },
  async openDocument(url) {
    const d = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: d.tempFilePath, showMenu: true })
  },
  enableGroupShare() {
    // `menus` is newer than Taro's typings.
    Taro.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] } as Parameters<typeof Taro.showShareMenu>[0])
  },
}
