export default definePageConfig({ navigationBarTitleText: '问题队列', enablePullDownRefresh: true, onReachBottomDistance: 100 })
