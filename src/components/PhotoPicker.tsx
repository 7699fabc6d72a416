/** Photos for an issue, a reply or a visit: pick, upload at once, show, remove. Value = fileIDs. */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { platform } from '../platform/seam'
import { cloudPathFor } from '../platform/types'
import './ui.scss'

export const MAX_PHOTOS = 9

export function PhotoPicker(props: { value: string[]; onChange: (ids: string[]) => void; folder: 'issues' | 'visits'; max?: number }) {
  const { value, onChange, folder, max = MAX_PHOTOS } = props
  const [uploading, setUploading] = useState(0)

  const add = async () => {
    const room = max - value.length - uploading
    if (room <= 0) return
    let files
    try {
      files = await platform.choosePhotos(room)
    } catch {
      return // cancelled
    }
    if (!files.length) return
    setUploading((n) => n + files.length)
    const ids: string[] = []
    for (const f of files) {
      try {
        ids.push(await platform.uploadFile(f, cloudPathFor(folder)))
      } catch {
        void Taro.showToast({ title: '有照片上传失败，请重试', icon: 'none' })
      }
    }
    setUploading((n) => n - files.length)
    onChange([...value, ...ids].slice(0, max))
  }

  return (
    <View className='photos'>
      {value.map((id) => (
        <View className='photos__item' key={id}>
          <Image className='photos__img' src={platform.displayUrl(id)} mode='aspectFill' />
          <Text className='photos__remove' onClick={() => onChange(value.filter((x) => x !== id))}>
            ×
          </Text>
        </View>
      ))}
      {uploading > 0 && <View className='photos__item photos__add'>…</View>}
      {value.length + uploading < max && (
        <View className='photos__add' onClick={add}>
          +
        </View>
      )}
    </View>
  )
}

/** Read-only photos (tap to preview on weapp). */
export function Photos(props: { ids: string[] }) {
  if (!props.ids.length) return null
  const urls = props.ids.map((id) => platform.displayUrl(id))
  return (
    <View className='photos'>
      {urls.map((u) => (
        <View className='photos__item' key={u}>
          <Image className='photos__img' src={u} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: u }).catch(() => undefined)} />
        </View>
      ))}
    </View>
  )
}
