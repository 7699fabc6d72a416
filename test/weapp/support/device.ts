/**
 * The phone a story runs on: who is signed in, how the app was opened, what the user will answer
 * (location, photos, modals, subscribe prompts), the device's storage — and the log of every wx.* call.
 * The wx fake (wxFake.ts) reads it at call time, so a story can change an answer between taps.
 */

/** How WeChat opened the app (wx.getEnterOptionsSync / getLaunchOptionsSync). */
export interface EnterOptions {
  scene: number
  path?: string
  query?: Record<string, string>
  /** 3 / 4 when opened from a group chat. */
  chatType?: number
  shareTicket?: string
}

/** A photo the user will pick in chooseMedia. */
export interface PickedFile {
  name: string
  bytes: Buffer
}

export interface WxCall {
  api: string
  /** The first argument, minus callbacks (and file bytes). */
  args: unknown
  /** The page on top when it was called. */
  page?: string
  /** Called synchronously inside a tap's handler. */
  inTap: boolean
  at: number
}

export interface ModalAnswer {
  confirm: boolean
}

/** What WeChat returns for a share (onShareAppMessage) when the story asks the page for one. */
export interface ShareCard {
  title?: string
  path?: string
  imageUrl?: string
}

export class Device {
  /** The local cloud the fake routes cloud calls, uploads and downloads to. */
  cloudUrl = ''
  openid = ''
  enter: EnterOptions = { scene: 1001 }
  /** The simulated WeChat group the app was opened from (its CloudID comes from the local cloud). */
  groupOpenGId?: string
  location: { latitude: number; longitude: number; accuracy: number } | 'deny' = { latitude: 34.8107, longitude: 117.3236, accuracy: 18 }
  /** chooseMedia takes the next batch; an empty queue means the user cancels. */
  readonly photos: PickedFile[][] = []
  /** showModal takes the next answer; an unscripted question is answered 取消 and reported by `unscripted`. */
  readonly modalAnswers: ModalAnswer[] = []
  subscribeAnswer: 'accept' | 'reject' = 'accept'
  /** Cloud calls fail with a network error while offline. */
  offline = false
  /** wx storage: survives relaunches of the same device. */
  readonly storage = new Map<string, unknown>()
  /** Every wx.* call, in order. */
  readonly calls: WxCall[] = []
  /** Things the fake refused or had to guess, reported to the story. */
  readonly unscripted: string[] = []
  /** Set by the harness while a tap is dispatched (WeChat allows subscribe prompts only then). */
  inTap = false
  /** Set by the harness: the route of the page on top. */
  topRoute: () => string | undefined = () => undefined
  /** Documents handed to wx.openDocument: their bytes. */
  readonly openedDocuments: { filePath: string; bytes: Buffer; fileType?: string }[] = []
  /** Toasts shown, in order. */
  readonly toasts: string[] = []
  /** Modals shown, in order (title + content). */
  readonly modals: { title: string; content: string; answer: boolean }[] = []
  /** Every cloud function reply the app received, as JSON text (what reached the phone). */
  readonly replies: string[] = []
  /** Share cards the pages returned (onShareAppMessage), in order. */
  readonly shares: ShareCard[] = []
  /** Text put on the clipboard. */
  clipboard = ''

  record(api: string, args: unknown): void {
    this.calls.push({ api, args: strip(args), page: this.topRoute(), inTap: this.inTap, at: this.calls.length })
  }

  callsTo(api: string): WxCall[] {
    return this.calls.filter((c) => c.api === api)
  }

  /** Opens the app from the project group's card: scene 1044 with a shareTicket, group chat. */
  openFromGroup(openGId: string, path = 'pages/index/index', query: Record<string, string> = {}): void {
    this.groupOpenGId = openGId
    this.enter = { scene: 1044, chatType: 3, shareTicket: `ticket-${openGId}`, path, query }
  }

  /** Opens the app from a subscribe message / service notification (scene 1014). */
  openFromMessage(page: string): void {
    this.groupOpenGId = undefined
    const [path, search = ''] = page.replace(/^\//, '').split('?')
    this.enter = { scene: 1014, path, query: Object.fromEntries(new URLSearchParams(search)) }
  }

  openPlain(): void {
    this.groupOpenGId = undefined
    this.enter = { scene: 1001, path: 'pages/index/index', query: {} }
  }
}

function strip(args: unknown): unknown {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return args
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(args as Record<string, unknown>)) {
    if (typeof v === 'function') continue
    out[k] = Buffer.isBuffer(v) ? `<${v.length} bytes>` : v
  }
  return out
}
