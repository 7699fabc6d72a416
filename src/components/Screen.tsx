import { View } from '@tarojs/components'
import { DevTools } from './DevTools'
import './ui.scss'

/** Every page's frame: its content, plus the h5 dev tools (nothing on weapp). */
export function Screen(props: { children: React.ReactNode; className?: string }) {
  return (
    <View className={`screen ${props.className ?? ''}`}>
      {props.children}
      <DevTools />
    </View>
  )
}
