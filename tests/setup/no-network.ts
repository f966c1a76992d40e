// Every test process runs with the network disabled: any connection to a host other than
// this machine throws, so a dependency that tries to fetch a context fails the test loudly.
import net from 'node:net'

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1'])

function isLocal(args: unknown[]): boolean {
  const [first, second] = args
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string }
    if (options.path !== undefined) return true // unix socket
    return options.host === undefined || LOCAL.has(options.host)
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return true // unix socket path
  return second === undefined || (typeof second === 'string' && LOCAL.has(second))
}

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  if (!isLocal(args)) throw new Error(`network access is disabled in tests (attempted ${JSON.stringify(args[0])})`)
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args)
} as typeof connect

const realFetch = globalThis.fetch
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
  if (!LOCAL.has(url.hostname.replace(/^\[|\]$/g, ''))) throw new Error(`network access is disabled in tests (fetch ${url.href})`)
  return realFetch(input, init)
}) as typeof fetch
