/** Stable error codes shared by the domain, the cloud functions and the UI. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'EXTENSION_TOO_LATE'
  | 'SELF_REVIEW'
  | 'CONFIRMATION_MISMATCH'
  | 'GROUP_ALREADY_BOUND'
  | 'PROJECT_ALREADY_BOUND'
  | 'NOT_IN_GROUP'
  | 'INVITE_INVALID'
  | 'IDEMPOTENCY_MISMATCH'
  /** A stored record no longer has the shape the code relies on (server/repo/read.ts): nothing was done with it. */
  | 'STALE_RECORD'
  | 'INTERNAL'

export interface AppErrorShape {
  code: ErrorCode
  message: string
  /** Extra facts for the caller, e.g. the current state on CONFLICT. */
  details?: unknown
}

/** An expected refusal. Rules return or throw this; entries turn it into `{ code, message }`. */
export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
  toJSON(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> => ({
  ok: false,
  error: new AppError(code, message, details),
})
