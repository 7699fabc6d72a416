import { View, Text } from '@tarojs/components'
import './index.scss'

const ROLE_INTRO = [
  { role: '企业联络员', what: '在项目群里打开，反映诉求、跟进办理、确认并评价' },
  { role: '服务专员', what: '每周上门走访，记录纪要与照片，交办与督核诉求' },
  { role: '部门经办人', what: '签收交办到本部门的诉求，按时限办理并答复' },
  { role: '管理者', what: '查看响应率、解决率、满意率与走访覆盖率，督办超期诉求' },
]

export default function Index() {
  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__title'>企业周走访</Text>
        <Text className='home__subtitle'>每周一次上门服务，企业诉求件件有回音</Text>
      </View>
      {ROLE_INTRO.map((r) => (
        <View className='home__role' key={r.role}>
          <Text className='home__role-name'>{r.role}</Text>
          <Text className='home__role-what'>{r.what}</Text>
        </View>
      ))}
    </View>
  )
}
