export default definePageConfig({ navigationBarTitleText: '项目看板', enablePullDownRefresh: true, enableShareAppMessage: true })
