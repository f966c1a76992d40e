// The SSRF guard on opt-in fetches: non-public addresses (v4, v6, IPv4 inside IPv6) are
// classified; a real server on 127.0.0.1 is refused by default — by IP literal, by a name
// that resolves to it (localhost), and through a redirect — and reached when private
// networks are allowed.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedGet } from '../../../src/net/guarded-get.js'
import { embeddedIpv4, nonPublicRange } from '../../../src/net/non-public-address.js'
import { fetchStatusList } from '../../../src/status/fetch-status-list.js'

describe('nonPublicRange', () => {
  it('names every non-public IPv4 range', () => {
    const cases: [string, string][] = [
      ['0.0.0.0', 'this network'],
      ['0.1.2.3', 'this network'],
      ['10.1.2.3', 'private'],
      ['100.64.0.1', 'shared address space (CGNAT)'],
      ['100.127.255.254', 'shared address space (CGNAT)'],
      ['127.0.0.1', 'loopback'],
      ['127.255.255.255', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['192.0.2.7', 'documentation'],
      ['198.18.0.1', 'benchmarking'],
      ['224.0.0.251', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'reserved'],
    ]
    for (const [address, label] of cases) expect(nonPublicRange(address), address).toBe(label)
    for (const address of ['8.8.8.8', '93.184.216.34', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '1.1.1.1']) {
      expect(nonPublicRange(address), address).toBeUndefined()
    }
  })

  it('names every non-public IPv6 range and judges IPv4 inside IPv6 by the IPv4 address', () => {
    const cases: [string, RegExp][] = [
      ['::', /^unspecified$/],
      ['::1', /^loopback$/],
      ['fe80::1', /^link-local$/],
      ['fe80::1%eth0', /^link-local$/],
      ['fc00::1', /^unique-local$/],
      ['fd12:3456:789a::1', /^unique-local$/],
      ['ff02::1', /^multicast$/],
      ['2001:db8::1', /^documentation$/],
      ['::ffff:127.0.0.1', /^loopback \(IPv4 127\.0\.0\.1 inside IPv6\)$/],
      ['::ffff:7f00:1', /^loopback \(IPv4 127\.0\.0\.1 inside IPv6\)$/],
      ['::FFFF:10.0.0.1', /^private/],
      ['::ffff:169.254.169.254', /^link-local/],
      ['::ffff:100.64.1.1', /CGNAT/],
      ['::ffff:0.0.0.0', /^this network/],
      ['::127.0.0.1', /^loopback/],
      ['64:ff9b::a00:1', /^private/],
      ['2002:c0a8:101::1', /^private/],
    ]
    for (const [address, label] of cases) expect(nonPublicRange(address), address).toMatch(label)
    for (const address of ['2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(nonPublicRange(address), address).toBeUndefined()
    }
    expect(embeddedIpv4('::ffff:c0a8:0101')).toBe('192.168.1.1')
    expect(nonPublicRange('localhost')).toBe('not an IP address')
  })
})

describe('guardedGet against a server on 127.0.0.1', () => {
  let server: Server
  let port: number
  const seen: string[] = []

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '')
      if (req.url === '/redirect-to-loopback') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/list` }).end()
      } else if (req.url === '/redirect-loop') {
        res.writeHead(302, { location: '/redirect-loop' }).end()
      } else {
        res.setHeader('content-type', 'application/json')
        res.end('{"ok":true}')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const get = (url: string, allowPrivateNetworks = false) => guardedGet(url, { timeoutMs: 5000, maxBytes: 10_000, allowHttp: true, allowPrivateNetworks })

  it('refuses it by default, by IP literal and by a name resolving to it, before any byte is sent', async () => {
    seen.length = 0
    for (const url of [`http://127.0.0.1:${port}/list`, `http://localhost:${port}/list`, `http://[::ffff:127.0.0.1]:${port}/list`, `http://0.0.0.0:${port}/list`]) {
      await expect(get(url), url).rejects.toMatchObject({ code: 'ERR_FETCH_ADDRESS_BLOCKED', details: expect.objectContaining({ url: new URL(url).href }) })
    }
    expect(seen).toEqual([])
  })

  it('reaches it when private networks are allowed, redirects included', async () => {
    const res = await get(`http://localhost:${port}/redirect-to-loopback`, true)
    expect(res).toMatchObject({ status: 200, url: `http://127.0.0.1:${port}/list` })
    expect(new TextDecoder().decode(res.body)).toBe('{"ok":true}')
    await expect(get(`http://127.0.0.1:${port}/redirect-loop`, true)).rejects.toThrow(/more than 5 redirects/)
  })

  it('checks every redirect hop: a redirect from an allowed host to a blocked address is refused', async () => {
    // A relay on 127.0.0.2 is allowed by name (an allow-list of one address); it redirects
    // to 127.0.0.1, which is not on the list: the guard checks the second hop again.
    let hops = 0
    const relay = createServer((req, res) => {
      hops += 1
      res.writeHead(302, { location: req.url === '/mapped' ? `http://[::ffff:127.0.0.1]:${port}/list` : `http://127.0.0.1:${port}/list` }).end()
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.2', resolve))
    const relayPort = (relay.address() as AddressInfo).port
    const via = (path: string, allowPrivateNetworks: readonly string[]) =>
      guardedGet(`http://127.0.0.2:${relayPort}${path}`, { timeoutMs: 5000, maxBytes: 10_000, allowHttp: true, allowPrivateNetworks })
    try {
      seen.length = 0
      await expect(via('/', ['127.0.0.2'])).rejects.toMatchObject({ code: 'ERR_FETCH_ADDRESS_BLOCKED', details: expect.objectContaining({ address: '127.0.0.1' }) })
      await expect(via('/mapped', ['127.0.0.2/32'])).rejects.toMatchObject({ code: 'ERR_FETCH_ADDRESS_BLOCKED' })
      expect(hops).toBe(2)
      expect(seen).toEqual([]) // the redirect target was never contacted
      expect((await via('/', ['127.0.0.0/30'])).status).toBe(200) // both on the list
      expect(seen).toEqual(['/list'])
      await expect(guardedGet('http://x', { timeoutMs: 1, maxBytes: 1, allowPrivateNetworks: ['not-a-network'] })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' })
    } finally {
      relay.closeAllConnections()
      await new Promise((resolve) => relay.close(resolve))
    }
  })

  it('connects to the address it checked: a rebinding resolver cannot switch it afterwards', async () => {
    // Two servers on one port: 127.0.0.2 (allowed) and 127.0.0.1 (not). The resolver answers
    // 127.0.0.2 the first time and 127.0.0.1 every time after, as a rebinding DNS server would.
    const hits: string[] = []
    const allowedServer = createServer((_req, res) => {
      hits.push('127.0.0.2')
      res.end('{"from":"allowed"}')
    })
    await new Promise<void>((resolve) => allowedServer.listen(0, '127.0.0.2', resolve))
    const samePort = (allowedServer.address() as AddressInfo).port
    const internal = createServer((_req, res) => {
      hits.push('127.0.0.1')
      res.end('{"from":"internal"}')
    })
    await new Promise<void>((resolve) => internal.listen(samePort, '127.0.0.1', resolve))
    let lookups = 0
    const rebinding = async () => [{ address: lookups++ === 0 ? '127.0.0.2' : '127.0.0.1', family: 4 }]
    try {
      const res = await guardedGet(`http://rebind.example:${samePort}/`, { timeoutMs: 5000, maxBytes: 1000, allowHttp: true, allowPrivateNetworks: ['127.0.0.2'], resolve: rebinding })
      expect(new TextDecoder().decode(res.body)).toBe('{"from":"allowed"}')
      expect(lookups).toBe(1) // resolved once: the checked answer is the one connected to
      expect(hits).toEqual(['127.0.0.2'])
      // the next request gets the rebound answer, and the guard refuses it
      await expect(
        guardedGet(`http://rebind.example:${samePort}/`, { timeoutMs: 5000, maxBytes: 1000, allowHttp: true, allowPrivateNetworks: ['127.0.0.2'], resolve: rebinding }),
      ).rejects.toMatchObject({ code: 'ERR_FETCH_ADDRESS_BLOCKED', details: expect.objectContaining({ host: 'rebind.example', address: '127.0.0.1' }) })
      expect(hits).toEqual(['127.0.0.2'])
    } finally {
      for (const s of [allowedServer, internal]) {
        s.closeAllConnections()
        await new Promise((resolve) => s.close(resolve))
      }
    }
  })

  it('guards the status-list fetcher: refused by default, fetched when allowed', async () => {
    await expect(fetchStatusList(`http://localhost:${port}/list`, { allowHttp: true })).rejects.toMatchObject({ code: 'ERR_FETCH_ADDRESS_BLOCKED' })
    await expect(fetchStatusList(`http://127.0.0.1:${port}/list`, { allowHttp: true, allowPrivateNetworks: true })).resolves.toMatchObject({ credential: { ok: true } })
  })
})
