import { Text, View } from '@tarojs/components'
import { Async } from '../../components/Async'
import { Screen } from '../../components/Screen'
import { homeFor } from '../../domain/home'
import { ROLE_NAMES } from '../../domain/issue/lifecycle'
import { Entries, ProjectList } from './Entries'
import { ManagerHome } from './ManagerHome'
import { Newcomer } from './Newcomer'
import { useHome } from './useHome'
import './index.scss'

export default function Index() {
  const who = useHome()
  return (
    <Screen className='home'>
      <View className='home__hero'>
        <Text className='home__title'>企业周走访</Text>
        <Text className='home__subtitle'>每周一次上门服务，企业诉求件件有回音</Text>
        {who.data && who.data.roles.length > 0 && (
          <Text className='home__who'>
            {[who.data.name, who.data.roles.map((r) => ROLE_NAMES[r]).join('、')].filter(Boolean).join(' · ')}
            {who.data.team ? ` · ${who.data.team.name}` : ''}
            {who.data.department ? ` · ${who.data.department.name}` : ''}
          </Text>
        )}
      </View>
      <Async query={who}>
        {(me) => {
          const home = homeFor(me)
          if (home.kind === 'newcomer') return <Newcomer onJoined={() => void who.reload()} />
          if (home.kind === 'manager') return <ManagerHome who={me} />
          return (
            <>
              <Entries who={me} />
              <ProjectList who={me} />
            </>
          )
        }}
      </Async>
    </Screen>
  )
}
