/** Cloud calls for pages and hooks. Tests replace this module (jest.mock of src/api). */
export { call } from './client'
export type { Extra, Input, Output } from './client'
export { ApiError, ERROR_ADVICE, describeError, toApiError } from './errors'
export type { ClientErrorCode, ErrorAdvice, NextStep } from './errors'
export { serverNow } from './serverClock'
