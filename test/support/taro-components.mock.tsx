// Taro's components rendered as plain DOM elements for jsdom render tests.
import React, { forwardRef } from 'react'

type Props = Record<string, any> & { children?: React.ReactNode }

function make(tag: string, extra?: (p: Props) => Props) {
  const C = forwardRef<any, Props>(({ children, onTap, onClick, onInput, onChange, onConfirm, hoverClass, ...rest }, ref) => {
    const props: Props = { ...rest, ref, onClick: onClick || onTap }
    if (onInput || onChange) props.onChange = (e: any) => (onInput || onChange)({ detail: { value: e.target.value } })
    for (const k of Object.keys(props)) if (props[k] === undefined) delete props[k]
    return React.createElement(tag, extra ? extra(props) : props, children)
  })
  C.displayName = tag
  return C
}

export const View = make('div')
export const Text = make('span')
export const Button = make('button')
export const Image = make('img')
export const Canvas = make('canvas')
export const ScrollView = make('div', ({ scrollY, scrollX, onScrollToLower, refresherEnabled, ...p }) => p)
export const Input = make('input')
export const Textarea = make('textarea')
export const Form = make('form')
export const Label = make('label')
export const Picker = make('div', ({ range, rangeKey, mode, ...p }) => p)
export const Switch = make('input', (p) => ({ ...p, type: 'checkbox' }))
export const Navigator = make('a')
export const Block = ({ children }: Props) => React.createElement(React.Fragment, null, children)
