// What one invocation produced, and the cloud's error codes for the ways it can fail.

export type InvocationFailure = 'not_found' | 'timeout' | 'crash' | 'error'

export type InvocationOutcome =
  | { ok: true; resultJson: string }
  | { ok: false; failure: InvocationFailure; errCode: number; errMsg: string }

/** Codes as the mini-program sees them (cloud.callFunction:fail errCode …). */
export const ERR_FUNCTION_NOT_FOUND = -501000
export const ERR_FUNCTION_EXECUTE_FAIL = -504002
export const ERR_FUNCTION_TIMEOUT = -504003

export function notFound(name: string): InvocationOutcome {
  return {
    ok: false,
    failure: 'not_found',
    errCode: ERR_FUNCTION_NOT_FOUND,
    errMsg: `[ResourceNotFound.Function] function ${name} not found (no index.js; run npm run build:functions)`,
  }
}

export function timedOut(seconds: number): InvocationOutcome {
  return {
    ok: false,
    failure: 'timeout',
    errCode: ERR_FUNCTION_TIMEOUT,
    errMsg: `functions execute timeout | Invoking task timed out after ${seconds} seconds`,
  }
}

export function crashed(message: string, failure: 'crash' | 'error'): InvocationOutcome {
  return { ok: false, failure, errCode: ERR_FUNCTION_EXECUTE_FAIL, errMsg: `functions execute fail | ${message}` }
}
