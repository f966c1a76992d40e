// The opt-in online fetcher, against a loopback server: bounded size and time, https only
// unless told otherwise, every failure is ERR_STATUS_LIST_UNAVAILABLE.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/core/ports.js'
import { createOnlineStatusListLoader, fetchStatusList } from '../../../src/status/fetch-status-list.js'

let server: Server
let base: string
const LIST = { id: 'x', type: ['VerifiableCredential', 'BitstringStatusListCredential'] }

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/list') {
      res.setHeader('content-type', 'application/vc+ld+json')
      res.end(JSON.stringify(LIST))
    } else if (req.url === '/big') {
      res.write('{"pad":"') // no content-length: chunked, the limit applies while reading
      res.end(`${'x'.repeat(5000)}"}`)
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('{}'), 2000).unref()
    } else if (req.url === '/text') {
      res.end('<html>not json</html>')
    } else {
      res.statusCode = 404
      res.end('{}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('fetchStatusList', () => {
  it('returns the parsed list and when it was fetched', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z')
    expect(await fetchStatusList(`${base}/list`, { allowHttp: true, allowPrivateNetworks: true, clock })).toEqual({ credential: LIST, fetchedAt: clock.now() })
    expect(await createOnlineStatusListLoader({ allowHttp: true, allowPrivateNetworks: true, clock })(`${base}/list`)).toEqual({ credential: LIST, fetchedAt: clock.now() })
  })

  it('fetches https only unless allowed', async () => {
    await expect(fetchStatusList(`${base}/list`)).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_UNAVAILABLE', message: expect.stringContaining('https') })
    await expect(fetchStatusList('file:///etc/passwd', { allowHttp: true })).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_UNAVAILABLE' })
    await expect(fetchStatusList('not a url')).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_UNAVAILABLE' })
  })

  it('reports HTTP errors, oversized and slow responses, and non-JSON bodies', async () => {
    const cases: [string, object, RegExp][] = [
      ['/missing', {}, /HTTP 404/],
      ['/big', { maxBytes: 1000 }, /larger than 1000 bytes/],
      ['/slow', { timeoutMs: 100 }, /timed out/],
      ['/text', {}, /not JSON/],
    ]
    for (const [path, options, message] of cases) {
      await expect(fetchStatusList(`${base}${path}`, { allowHttp: true, allowPrivateNetworks: true, ...options })).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_UNAVAILABLE', message: expect.stringMatching(message) })
    }
  })
})
