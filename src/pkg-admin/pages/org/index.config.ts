export default definePageConfig({ navigationBarTitleText: '组织与邀请', enablePullDownRefresh: true })
