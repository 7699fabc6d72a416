/** WeChat: cloud development, group open data, subscriptions, location, media. */
import Taro from '@tarojs/taro'
import { type Platform, isWebLink, localPreviewOf, rememberLocalPreview } from './types'

let cloudReady = false
function cloud(): typeof Taro.cloud {
  if (!cloudReady) {
    Taro.cloud.init({ env: CLOUD_ENV_ID || (Taro.cloud as any).DYNAMIC_CURRENT_ENV, traceUser: true })
    cloudReady = true
  }
  return Taro.cloud
}

const GROUP_CHAT_TYPES = [3, 4] // 普通微信群聊, 企业微信互通群聊
const GROUP_SCENES = [1008, 1044] // group card, card with shareTicket

function enterOptions(): { chatType?: number; scene?: number; shareTicket?: string } {
  try {
    return (Taro.getEnterOptionsSync() as any) || {}
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
    const info: any = await Taro.getGroupEnterInfo({})
    if (info?.cloudID) return info.cloudID
  } catch {
    // older base library or not a group scene: fall back to the share ticket
  }
  if (!opts.shareTicket) return undefined
  try {
    const info: any = await Taro.getShareInfo({ shareTicket: opts.shareTicket })
    return info?.cloudID
  } catch {
    return undefined
  }
}

export const platform: Platform = {
  kind: 'weapp',
  async callFunction(name, data) {
    try {
      const res: any = await cloud().callFunction({ name, data } as any)
      return { result: res.result }
    } catch (e: any) {
      return { transportError: String(e?.errMsg || e?.message || e) }
    }
  },
  openedFromGroup,
  async groupCloudId() {
    const id = await groupCloudIdString()
    return id ? (cloud() as any).CloudID(id) : undefined
  },
  async requestSubscribe(templateIds) {
    if (!templateIds.length) return {}
    try {
      const res: any = await Taro.requestSubscribeMessage({ tmplIds: templateIds } as any)
      return Object.fromEntries(templateIds.map((id) => [id, String(res[id] ?? 'reject')]))
    } catch {
      return {}
    }
  },
  async getLocation() {
    const r: any = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 } as any)
    return { latitude: r.latitude, longitude: r.longitude, accuracy: Math.round(r.accuracy ?? r.horizontalAccuracy ?? 0) }
  },
  async choosePhotos(max) {
    const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return r.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }))
  },
  async uploadFile(file, cloudPath) {
    const r = await cloud().uploadFile({ cloudPath, filePath: file.path } as any)
    const fileID = (r as any).fileID
    rememberLocalPreview(fileID, file.path)
    return fileID
  },
  // A cloud:// id shows only if the storage rule lets this user read it (ours does not): views pass function-issued links.
  displayUrl: (fileID) => (isWebLink(fileID) ? fileID : localPreviewOf(fileID) ?? fileID),
  async tempUrls(fileIDs) {
    if (!fileIDs.length) return {}
    try {
      const r: any = await cloud().getTempFileURL({ fileList: fileIDs } as any)
      return Object.fromEntries((r.fileList ?? []).filter((f: any) => f.status === 0 && f.tempFileURL).map((f: any) => [f.fileID, f.tempFileURL]))
    } catch {
      return {}
    }
  },
  async openDocument(url) {
    const d = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: d.tempFilePath, showMenu: true } as any)
  },
  enableGroupShare() {
    Taro.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] } as any)
  },
}
