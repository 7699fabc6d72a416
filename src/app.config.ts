import { appPages, links } from './domain/links'

export default defineAppConfig({
  // Main package (what a liaison opening a group card needs) and the pkg-work / pkg-admin
  // subpackages: the page list is the link table's (src/domain/links.ts), in its order.
  ...appPages(),
  // Both subpackages are small; fetch them while the home page decides where the user goes.
  preloadRule: {
    [links.home.route]: { network: 'all', packages: ['pkg-work', 'pkg-admin'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f5fbf',
    navigationBarTitleText: '企业周走访',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
  },
  permission: {
    'scope.userLocation': { desc: '走访签到时记录您所在的位置' },
  },
  requiredPrivateInfos: ['getLocation'],
  lazyCodeLoading: 'requiredComponents',
})
