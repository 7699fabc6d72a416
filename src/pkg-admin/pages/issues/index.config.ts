export default definePageConfig({ navigationBarTitleText: '全部问题', enablePullDownRefresh: true, onReachBottomDistance: 100 })
