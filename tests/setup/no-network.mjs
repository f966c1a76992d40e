// The network guard, as plain JavaScript so that it also loads with `node --import`: any
// connection to a host other than this machine throws, so a dependency that tries to fetch
// a context fails loudly. tests/setup/no-network.ts installs it in every test process and
// puts it in NODE_OPTIONS, so the CLI, server and bench processes the tests start run
// under it too.
import net from 'node:net'

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1'])

function isLocal(args) {
  const [first, second] = args
  // net.connect(port, host) reaches Socket#connect with its arguments normalized into one array
  if (Array.isArray(first)) return isLocal(first)
  if (typeof first === 'object' && first !== null) {
    if (first.path !== undefined) return true // unix socket
    return first.host === undefined || LOCAL.has(first.host)
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return true // unix socket path
  return second === undefined || (typeof second === 'string' && LOCAL.has(second))
}

if (!globalThis.__microcredNoNetwork) {
  globalThis.__microcredNoNetwork = true
  const connect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function guardedConnect(...args) {
    if (!isLocal(args)) throw new Error(`network access is disabled in tests (attempted ${JSON.stringify(Array.isArray(args[0]) ? args[0][0] : args[0])})`)
    return connect.apply(this, args)
  }

  const realFetch = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    if (!LOCAL.has(url.hostname.replace(/^\[|\]$/g, ''))) throw new Error(`network access is disabled in tests (fetch ${url.href})`)
    return realFetch(input, init)
  }
}
