import { Button } from '@tarojs/components'
import './ui.scss'

/** A button that shows its action is pending (and ignores taps meanwhile, see useAction). */
export function Btn(props: {
  onTap: () => void
  pending?: boolean
  kind?: 'primary' | 'ghost' | 'danger'
  small?: boolean
  block?: boolean
  disabled?: boolean
  children: React.ReactNode
}) {
  const { kind = 'primary', pending, small, block, disabled } = props
  const cls = ['btn', kind !== 'primary' && `btn--${kind}`, small && 'btn--small', block && 'btn--block', pending && 'btn--pending']
  return (
    <Button className={cls.filter(Boolean).join(' ')} disabled={disabled} loading={pending || undefined} onClick={props.onTap}>
      {props.children}
    </Button>
  )
}
