/** Loading, empty and error states every page shows the same way. */
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { describeError } from '../api'
import { absolutePath, links } from '../domain/links'
import './ui.scss'

export function Loading(props: { text?: string }) {
  return (
    <View className='state'>
      <Text className='state__hint'>{props.text ?? '加载中…'}</Text>
    </View>
  )
}

export function EmptyState(props: { title: string; hint?: string; children?: React.ReactNode }) {
  return (
    <View className='state'>
      <Text className='state__title'>{props.title}</Text>
      {props.hint && <Text className='state__hint'>{props.hint}</Text>}
      {props.children}
    </View>
  )
}

/** The Chinese message for the error's code, what to do, and 重试. */
export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const e = describeError(props.error)
  return (
    <View className='state' data-code={e.code}>
      <Text className='state__title'>{e.title}</Text>
      <Text className='state__hint'>{e.hint}</Text>
      {e.next === 'home' ? (
        <Button className='btn btn--ghost' onClick={() => Taro.reLaunch({ url: absolutePath(links.home({})) })}>
          回到首页
        </Button>
      ) : (
        props.onRetry && (
          <Button className='btn btn--ghost' onClick={props.onRetry}>
            重试
          </Button>
        )
      )}
    </View>
  )
}

/** Shows a failed action as a toast/modal with the code's Chinese message. */
export function showError(error: unknown): void {
  const e = describeError(error)
  if (e.next === 'fix' || e.code === 'FORBIDDEN' || e.code === 'EXTENSION_TOO_LATE' || e.code === 'SELF_REVIEW') {
    void Taro.showModal({ title: e.title, content: e.detail ? `${e.detail}\n${e.hint}` : e.hint, showCancel: false })
  } else {
    void Taro.showToast({ title: e.title, icon: 'none', duration: 2500 })
  }
}
