export default definePageConfig({ navigationBarTitleText: '本周走访', enablePullDownRefresh: true })
