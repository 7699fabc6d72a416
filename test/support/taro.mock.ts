// A small stand-in for @tarojs/taro in jsdom render tests: storage in memory, navigation recorded.
const storage = new Map<string, unknown>()
const noop = () => undefined

const Taro = {
  pxTransform: (n: number) => `${n / 2}px`,
  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' }),
  createSelectorQuery: () => ({ select: () => ({ fields: () => ({ exec: noop }), boundingClientRect: () => ({ exec: noop }) }) }),
  showToast: jest.fn(),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  showLoading: jest.fn(),
  hideLoading: jest.fn(),
  navigateTo: jest.fn(async () => undefined),
  redirectTo: jest.fn(async () => undefined),
  switchTab: jest.fn(async () => undefined),
  navigateBack: jest.fn(async () => undefined),
  reLaunch: jest.fn(async () => undefined),
  stopPullDownRefresh: jest.fn(),
  setNavigationBarTitle: jest.fn(),
  getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  getCurrentInstance: () => ({ router: { params: {} } }),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  request: jest.fn(),
  setClipboardData: jest.fn(async () => undefined),
}

export default Taro
export const useLoad = noop
export const useReady = noop
export const useDidShow = noop
export const useDidHide = noop
export const useLaunch = noop
export const usePullDownRefresh = noop
export const useReachBottom = noop
export const useShareAppMessage = noop
export const useRouter = () => ({ params: {} })
export const getCurrentInstance = Taro.getCurrentInstance
export const pxTransform = Taro.pxTransform
