/**
 * @module issuance/wallet-secrets
 * The short-lived secrets the wallet protocols hand out — OID4VCI access tokens and c_nonces,
 * VC-API DIDAuth challenges: 256 random bits, base64url; the store keeps only their SHA-256.
 */
import { randomBytes } from 'node:crypto'
import type { WalletSecretKind, WalletSecretRecord } from '../storage/store.js'
import type { IssuanceContext } from './context.js'
import { hashToken } from './offers.js'

/** How long each kind lives (ms): long enough for a wallet to finish, short enough to be useless later. */
export const WALLET_SECRET_LIFETIME_MS: Record<WalletSecretKind, number> = {
  'oid4vci-access-token': 10 * 60_000,
  'oid4vci-nonce': 5 * 60_000,
  'vcapi-challenge': 10 * 60_000,
}

/** Makes and stores a secret; returns it (shown once) with its lifetime in seconds. */
export async function newWalletSecret(
  ctx: IssuanceContext,
  kind: WalletSecretKind,
  offer?: { id: string; expiresAt: Date },
): Promise<{ secret: string; expiresInSeconds: number; record: WalletSecretRecord }> {
  const secret = randomBytes(32).toString('base64url')
  const now = ctx.clock.now().getTime()
  // Never outlive the offer it is bound to.
  const until = Math.min(now + WALLET_SECRET_LIFETIME_MS[kind], offer?.expiresAt.getTime() ?? Number.POSITIVE_INFINITY)
  const record = await ctx.store.createWalletSecret({ hash: hashToken(secret), kind, offerId: offer?.id, expiresAt: new Date(until) })
  return { secret, expiresInSeconds: Math.max(0, Math.floor((until - now) / 1000)), record }
}

/** The live secret of `kind`, or undefined (unknown, expired, used, or not a string). */
export async function findWalletSecret(ctx: IssuanceContext, kind: WalletSecretKind, secret: unknown): Promise<WalletSecretRecord | undefined> {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512) return undefined
  return ctx.store.findWalletSecret(hashToken(secret), kind)
}

/** Uses a live secret once; undefined when it was not live (or another caller used it first). */
export async function useWalletSecret(ctx: IssuanceContext, kind: WalletSecretKind, secret: unknown): Promise<WalletSecretRecord | undefined> {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512) return undefined
  return ctx.store.useWalletSecret(hashToken(secret), kind)
}
