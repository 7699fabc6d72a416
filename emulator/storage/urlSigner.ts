/**
 * Signed, expiring storage URLs, like the temp URLs COS issues for a private bucket
 * (`…/<path>?sign=<signature>&t=<expiry, epoch seconds>`). The signature is an HMAC-SHA256 over
 * the purpose, the cloud path and the expiry with a key kept in the data dir, so links survive a
 * restart of the local cloud but cannot be forged or stretched. Expiry is judged by the emulator
 * clock, so tests move time with POST /dev/clock instead of sleeping.
 */
import crypto from 'node:crypto'

export type SignedPurpose = 'get' | 'put'
export type Verdict = 'ok' | 'unsigned' | 'tampered' | 'expired'

export class UrlSigner {
  constructor(private readonly key: Buffer) {}

  static newKey(): Buffer {
    return crypto.randomBytes(32)
  }

  sign(purpose: SignedPurpose, cloudPath: string, expiresAtSeconds: number): string {
    return crypto.createHmac('sha256', this.key).update(`${purpose}\n${cloudPath}\n${expiresAtSeconds}`).digest('hex')
  }

  /** `sign` and `t` as they arrived (possibly absent); `nowMs` from the emulator clock. */
  verify(purpose: SignedPurpose, cloudPath: string, sign: string | null | undefined, t: string | null | undefined, nowMs: number): Verdict {
    if (!sign || !t) return 'unsigned'
    if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(sign)) return 'tampered'
    const expected = Buffer.from(this.sign(purpose, cloudPath, Number(t)), 'hex')
    if (!crypto.timingSafeEqual(expected, Buffer.from(sign, 'hex'))) return 'tampered'
    return Math.floor(nowMs / 1000) > Number(t) ? 'expired' : 'ok'
  }
}
