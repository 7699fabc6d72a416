import { randomBytes } from 'crypto'

/** A document id like the cloud's own: 32 hex characters. */
export const newId = (): string => randomBytes(16).toString('hex')

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I
export function inviteCode(): string {
  const bytes = randomBytes(8)
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
}

export const bindToken = (): string => randomBytes(16).toString('hex')
