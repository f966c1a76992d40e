/**
 * @module issuance/vcapi-exchange
 * The VC-API exchange Learner Credential Wallet uses to take an offer
 * (`POST /workflows/claim/exchanges/<claim token>`; the claim token is the exchange id):
 *
 *   wallet → POST {}                           ← { verifiablePresentationRequest: DIDAuthentication, challenge, domain }
 *   wallet → POST { verifiablePresentation }   ← { verifiablePresentation: { verifiableCredential: [credential] } }
 *
 * The challenge is 256 random bits, bound to the offer, stored as SHA-256, valid 10 minutes
 * and used once (after the presentation verified, so a bad signature does not burn it). The
 * credential is signed at that moment with `credentialSubject.id` = the presentation's holder.
 */
import { isPlainObject, MicrocredError } from '../core/index.js'
import { walletLinks } from '../delivery/wallet-links.js'
import { claimRefusal } from '../storage/offer-rules.js'
import type { IssuanceContext } from './context.js'
import { verifyDidAuth } from './didauth.js'
import { claimFoundOffer, findOffer } from './offers.js'
import { findWalletSecret, newWalletSecret, useWalletSecret } from './wallet-secrets.js'

export interface PresentationRequest {
  verifiablePresentationRequest: {
    query: { type: 'DIDAuthentication'; acceptedMethods: { method: string }[]; acceptedCryptosuites: { cryptosuite: string }[] }[]
    challenge: string
    domain: string
    interact: { service: { type: string; serviceEndpoint: string }[] }
  }
}

/** The signed credential as stored text: the route sends it in an unsigned presentation, unchanged. */
export interface ExchangeResult {
  credentialJson: string
}

/** The domain a DIDAuth presentation must be bound to: this service's origin. */
export function exchangeDomain(ctx: IssuanceContext): string {
  return new URL(ctx.baseUrl()).origin
}

/** One step of the exchange: `{}` starts it, `{ verifiablePresentation }` finishes it. */
export async function continueExchange(
  ctx: IssuanceContext,
  token: string,
  body: unknown,
  log?: (fields: Record<string, unknown>) => void,
): Promise<PresentationRequest | ExchangeResult> {
  const offer = await findOffer(ctx, token)
  const refusal = claimRefusal(offer, ctx.clock.now())
  if (refusal !== undefined) throw refusal
  const message = body === undefined || body === null ? {} : body
  if (!isPlainObject(message)) throw new MicrocredError('ERR_INPUT_INVALID', 'the body is {} to start the exchange, or { "verifiablePresentation": … } to finish it')
  const vp = message['verifiablePresentation']
  if (vp === undefined) {
    const { secret } = await newWalletSecret(ctx, 'vcapi-challenge', offer)
    return {
      verifiablePresentationRequest: {
        query: [
          {
            type: 'DIDAuthentication',
            acceptedMethods: [{ method: 'key' }],
            acceptedCryptosuites: [{ cryptosuite: 'eddsa-rdfc-2022' }, { cryptosuite: 'Ed25519Signature2020' }],
          },
        ],
        challenge: secret,
        domain: exchangeDomain(ctx),
        interact: { service: [{ type: 'UnmediatedHttpPresentationService2021', serviceEndpoint: walletLinks(ctx.baseUrl(), token).vcApiExchange }] },
      },
    }
  }

  const proofs = isPlainObject(vp) ? (Array.isArray(vp['proof']) ? vp['proof'] : [vp['proof']]) : []
  const challenge = proofs.filter(isPlainObject).find((p) => p['proofPurpose'] === 'authentication')?.['challenge']
  const live = await findWalletSecret(ctx, 'vcapi-challenge', challenge)
  if (live === undefined || live.offerId !== offer.id) {
    throw new MicrocredError('ERR_PRESENTATION_CHALLENGE', 'the presentation does not carry a live challenge of this exchange: start again with {}')
  }
  const holder = await verifyDidAuth(vp, { challenge: challenge as string, domain: exchangeDomain(ctx) })
  if ((await useWalletSecret(ctx, 'vcapi-challenge', challenge)) === undefined) {
    throw new MicrocredError('ERR_PRESENTATION_CHALLENGE', 'this challenge was already used: start again with {}')
  }
  const { credential } = await claimFoundOffer(ctx, offer, { holder })
  log?.({ offerId: offer.id, credentialId: credential.id, via: 'vc-api' })
  return { credentialJson: credential.json }
}
