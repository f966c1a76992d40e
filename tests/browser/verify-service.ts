// The service the verification-page tests run against (Chromium and Firefox alike): listening on
// a loopback port, so that its status lists are where its credentials point, with the files an
// employer would be handed: a valid credential, a tampered copy, a revoked one, a baked PNG.
import { bakePng, defaultBadgePng } from '../../src/core/index.js'
import { makeApp, unsignedCredential, type TestApp } from '../http/helpers.js'

export interface VerifyService {
  t: TestApp
  base: string
  valid: Record<string, unknown>
  /** valid.json, tampered.json, revoked.json, badge.png */
  files: Record<string, string | Uint8Array>
}

export async function startVerifyService(): Promise<VerifyService> {
  let port = 0
  const t = await makeApp({ baseUrl: () => `http://127.0.0.1:${port}` })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  port = (t.app.server.address() as { port: number }).port

  const issue = async (subject: string): Promise<Record<string, unknown>> => {
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential(subject) } })
    if (res.statusCode !== 201) throw new Error(`issue: ${res.statusCode} ${res.body}`)
    return (JSON.parse(res.body) as { verifiableCredential: Record<string, unknown> }).verifiableCredential
  }
  const valid = await issue('did:example:ana')
  const revoked = await issue('did:example:ben')
  const revoke = await t.as('revoke', { method: 'POST', url: '/credentials/status', payload: { credentialId: revoked['id'], credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true } })
  if (revoke.statusCode >= 300) throw new Error(`revoke: ${revoke.statusCode} ${revoke.body}`)
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    valid,
    files: {
      'valid.json': JSON.stringify(valid),
      'tampered.json': JSON.stringify({ ...valid, name: 'Doctorate in Data Literacy' }),
      'revoked.json': JSON.stringify(revoked),
      'badge.png': bakePng(defaultBadgePng('Data Literacy'), JSON.stringify(valid)),
    },
  }
}
