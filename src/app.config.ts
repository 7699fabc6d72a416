export default defineAppConfig({
  // Main package: what a liaison opening a group card needs, nothing more.
  pages: ['pages/index/index', 'pages/board/index', 'pages/raise/index', 'pages/issue/index'],
  subPackages: [
    // Service team and department handlers.
    // Also the visit records, which liaisons open from their project's board.
    { root: 'pkg-work', pages: ['pages/week/index', 'pages/visit/index', 'pages/queue/index', 'pages/visits/index', 'pages/visit-record/index'] },
    // Managers.
    {
      root: 'pkg-admin',
      pages: [
        'pages/dashboard/index',
        'pages/drill/index',
        'pages/issues/index',
        'pages/org/index',
        'pages/projects/index',
        'pages/project-edit/index',
        'pages/calendar/index',
        'pages/export/index',
      ],
    },
  ],
  // Both subpackages are small; fetch them while the home page decides where the user goes.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pkg-work', 'pkg-admin'] },
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
