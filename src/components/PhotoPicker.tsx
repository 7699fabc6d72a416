/**
 * Photos for an issue, a reply or a visit: pick, upload at once, show, remove. Value = fileIDs.
 * Uploads go under the user's own prefix (uploads/<openid>/…, the OPENID from the cached whoami),
 * jpg/png/webp of at most 10 MB — what the storage rule admits.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { fetchWhoAmI } from '../hooks/useWhoAmI'
import { MAX_UPLOAD_BYTES, PHOTO_EXTENSIONS, type UploadExtension, extensionOf } from '../domain/uploads'
import type { FileRef } from '../domain/issue/viewTypes'
import { platform } from '../platform/seam'
import { type LocalFile, cloudPathFor } from '../platform/seamApi'
import './ui.scss'

export const MAX_PHOTOS = 9

/** Why a picked photo cannot be uploaded, or undefined when it can. */
export function photoRefusal(file: LocalFile): string | undefined {
  const ext = extensionOf(file.name ?? file.path)
  if (!(PHOTO_EXTENSIONS as readonly string[]).includes(ext)) return '仅支持 jpg、png、webp 格式的照片'
  if (file.size > MAX_UPLOAD_BYTES) return '照片超过 10 MB，请压缩后再传'
  return undefined
}

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
    try {
      const { openid } = await fetchWhoAmI()
      for (const f of files) {
        const refusal = photoRefusal(f)
        if (refusal) {
          void Taro.showToast({ title: refusal, icon: 'none' })
          continue
        }
        try {
          ids.push(await platform.uploadFile(f, cloudPathFor(folder, openid, extensionOf(f.name ?? f.path) as UploadExtension)))
        } catch {
          void Taro.showToast({ title: '有照片上传失败，请重试', icon: 'none' })
        }
      }
    } catch {
      void Taro.showToast({ title: '暂时无法确认您的身份，请稍后重试', icon: 'none' })
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

/**
 * Read-only photos and documents, from the links the function issued with the view (files are
 * private: no client reads storage directly). Photos preview on tap; documents open in the viewer.
 * A file whose link is missing (deleted, or the view is old) shows as 文件已失效.
 */
export function Photos(props: { files: readonly FileRef[] }) {
  if (!props.files.length) return null
  const photos = props.files.filter((f) => f.url && isPhoto(f.id))
  const urls = photos.map((f) => f.url as string)
  return (
    <View className='photos'>
      {props.files.map((f) =>
        !f.url ? (
          <View className='photos__item photos__missing' key={f.id}><Text className='muted'>文件已失效</Text></View>
        ) : isPhoto(f.id) ? (
          <View className='photos__item' key={f.id}>
            <Image className='photos__img' src={f.url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: f.url as string }).catch(() => undefined)} />
          </View>
        ) : (
          <View className='photos__item photos__doc' key={f.id} onClick={() => void platform.openDocument(f.url as string).catch(() => undefined)}>
            <Text>{extensionOf(f.id).toUpperCase()} 文件</Text>
          </View>
        ),
      )}
    </View>
  )
}

const isPhoto = (id: string): boolean => (PHOTO_EXTENSIONS as readonly string[]).includes(extensionOf(id))
