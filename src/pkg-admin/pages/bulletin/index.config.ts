export default definePageConfig({ navigationBarTitleText: '办理情况通报', enablePullDownRefresh: true })
