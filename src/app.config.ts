export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f5fbf',
    navigationBarTitleText: '企业周走访',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
  },
  lazyCodeLoading: 'requiredComponents',
})
