export default definePageConfig({ navigationBarTitleText: '企业周走访', enablePullDownRefresh: true })
