/// <reference types="@tarojs/taro" />
/// <reference types="miniprogram-api-typings" />
declare module '*.css'
declare module '*.scss'
declare module '*.png'
declare module '*.svg'

