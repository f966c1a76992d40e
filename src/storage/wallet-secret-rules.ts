/**
 * @module storage/wallet-secret-rules
 * What every adapter checks the same way about wallet secrets (OID4VCI access tokens and
 * nonces, VC-API challenges).
 */
import { MicrocredError } from '../core/errors.js'
import { WALLET_SECRET_KINDS, type NewWalletSecret, type WalletSecretKind } from './store.js'

export function checkNewWalletSecret(s: NewWalletSecret): void {
  if (typeof s?.hash !== 'string' || !/^[0-9a-f]{64}$/.test(s.hash)) throw new MicrocredError('ERR_INPUT_INVALID', 'a wallet secret hash is SHA-256 in lower-case hex')
  checkWalletSecretKind(s.kind)
  if (s.offerId !== undefined && (typeof s.offerId !== 'string' || s.offerId === '')) throw new MicrocredError('ERR_INPUT_INVALID', 'offerId must be a non-empty string')
  if (!(s.expiresAt instanceof Date) || Number.isNaN(s.expiresAt.getTime())) throw new MicrocredError('ERR_INPUT_INVALID', 'a wallet secret needs an expiry date')
}

export function checkWalletSecretKind(kind: string): WalletSecretKind {
  if (!(WALLET_SECRET_KINDS as readonly string[]).includes(kind)) throw new MicrocredError('ERR_INPUT_INVALID', `kind must be one of ${WALLET_SECRET_KINDS.join(', ')}`)
  return kind as WalletSecretKind
}
