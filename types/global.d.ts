/// <reference types="@tarojs/taro" />
declare module '*.css'
declare module '*.scss'
declare module '*.png'
declare module '*.svg'

