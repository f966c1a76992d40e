// Schema errors and size limits as a client reads them: an unknown field is named together
// with the field it most resembles (the same wording as the CLI, src/issuance/validate-request.ts),
// and a 413 states the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listenError } from '../../src/server.js'
import { makeApp, unsignedCredential, type TestApp } from './helpers.js'

let t: TestApp
beforeAll(async () => {
  t = await makeApp({ limits: { bodyLimit: 4096, batchBodyLimit: 8192 } })
})
afterAll(async () => {
  await t.app.close()
})

const definition = { name: 'Data Literacy', description: 'Reads data.', criteria: 'Passed.' }
const body = (res: { body: string }) => JSON.parse(res.body) as { code: string; message: string; details?: { problems?: { path: string; suggestion?: string }[]; limitBytes?: number } }

describe('unknown fields', () => {
  it('POST /achievements with "credit": 400 naming the field and suggesting "credits"', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/achievements', payload: { ...definition, credit: { value: 5, system: 'ECTS' } } })
    expect(res.statusCode).toBe(400)
    expect(body(res)).toMatchObject({ code: 'ERR_INPUT_INVALID', message: 'invalid request: unknown field "credit" at body; did you mean "credits"?' })
    expect(body(res).details?.problems?.[0]).toMatchObject({ path: 'body', suggestion: 'credits' })
  })

  it('a misspelt required field nested in an object is reported as the misspelling', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/achievements', payload: { ...definition, credits: { value: 5, sytem: 'ECTS' } } })
    expect(body(res).message).toBe('invalid request: unknown field "sytem" at body/credits; did you mean "system"?')
  })

  it('without a near field, lists the allowed ones', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential(), colour: 'teal' } })
    expect(body(res).message).toBe('invalid request: unknown field "colour" at body; allowed: credential, options')
  })

  it('a URL field that is not a URL says what was expected', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/achievements', payload: { ...definition, image: 'logo.png' } })
    expect(body(res).message).toBe('invalid request: body/image must be a URL, URN or DID (scheme:…, no spaces)')
  })
})

describe('size limits', () => {
  it('413 states the route\'s limit', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:x', { description: 'x'.repeat(5000) }) } })
    expect(res.statusCode).toBe(413)
    expect(body(res)).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE', message: 'the request body is larger than the limit of 4 KiB for this route', details: { limitBytes: 4096 } })
  })

  it('the batch route states its own, larger limit', async () => {
    const res = await t.as('issue', {
      method: 'POST',
      url: '/credentials/issue/batch',
      headers: { 'idempotency-key': 'k1' },
      payload: { credentials: [unsignedCredential('did:example:x', { description: 'x'.repeat(9000) })] },
    })
    expect(res.statusCode).toBe(413)
    expect(body(res).message).toBe('the request body is larger than the limit of 8 KiB for this route')
  })
})

describe('listen errors (serve)', () => {
  it('EADDRINUSE and EACCES become one actionable line; other errors pass through', () => {
    const inUse = listenError(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), '127.0.0.1', 3000)
    expect(inUse).toMatchObject({ code: 'ERR_CONFIG_PORT_UNAVAILABLE', message: expect.stringContaining('port 3000 on 127.0.0.1 is already in use') })
    const denied = listenError(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), '0.0.0.0', 80)
    expect(denied).toMatchObject({ code: 'ERR_CONFIG_PORT_UNAVAILABLE', message: expect.stringContaining('not permitted to listen on port 80') })
    expect(listenError(new Error('boom'), '127.0.0.1', 3000)).toBeUndefined()
  })
})
