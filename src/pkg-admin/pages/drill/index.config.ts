export default definePageConfig({ navigationBarTitleText: '问题明细', enablePullDownRefresh: true })
