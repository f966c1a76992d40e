import { describe, expect, it } from 'vitest'
import { credentialOffer, interactionDocument, walletLinks } from '../../../src/delivery/wallet-links.js'

const TOKEN = 'A'.repeat(43)

describe('wallet links', () => {
  it('derives every door from the public URL and the claim token', () => {
    const links = walletLinks('https://college.example/', TOKEN)
    expect(links.claim).toBe(`https://college.example/claim/${TOKEN}`)
    expect(links.download).toBe(`https://college.example/claim/${TOKEN}/download`)
    expect(links.vcApiExchange).toBe(`https://college.example/workflows/claim/exchanges/${TOKEN}`)
    const byRef = new URL(links.oid4vciByReference)
    expect(byRef.protocol).toBe('openid-credential-offer:')
    expect(byRef.searchParams.get('credential_offer_uri')).toBe(`https://college.example/oid4vci/offers/${TOKEN}`)
    const byValue = JSON.parse(new URL(links.oid4vciByValue).searchParams.get('credential_offer') ?? '')
    expect(byValue).toEqual(credentialOffer('https://college.example', TOKEN))
    const lcw = new URL(links.lcw)
    expect(lcw.origin + lcw.pathname).toBe('https://lcw.app/request.html')
    expect(JSON.parse(lcw.searchParams.get('request') ?? '')).toEqual({
      credentialRequestOrigin: 'https://college.example',
      protocols: { vcapi: links.vcApiExchange },
    })
  })

  it('uses the claim token as the pre-authorized code and states a transaction code only when asked', () => {
    const plain = credentialOffer('https://college.example', TOKEN)
    const grant = plain.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']
    expect(grant['pre-authorized_code']).toBe(TOKEN)
    expect(grant.tx_code).toBeUndefined()
    const withCode = credentialOffer('https://college.example', TOKEN, { length: 6 })
    expect(withCode.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'].tx_code).toMatchObject({ input_mode: 'numeric', length: 6 })
  })

  it('answers the interaction document with both protocols', () => {
    expect(interactionDocument('https://college.example', TOKEN)).toEqual({
      protocols: {
        vcapi: `https://college.example/workflows/claim/exchanges/${TOKEN}`,
        OID4VCI: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`https://college.example/oid4vci/offers/${TOKEN}`)}`,
      },
    })
  })
})
