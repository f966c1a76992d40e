/**
 * @module net/non-public-address
 * Which IP addresses an outgoing fetch must not reach unless the operator allows private
 * networks: loopback, private (RFC 1918), unique-local, link-local, CGNAT (100.64/10),
 * multicast, "this network" (0.0.0.0/8), reserved and documentation ranges — in IPv4 and
 * IPv6, including IPv4 addresses carried inside IPv6 (IPv4-mapped ::ffff:a.b.c.d, the
 * deprecated IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and 6to4 2002::/16), which are
 * judged by the IPv4 address inside.
 *
 * @example
 * nonPublicRange('127.0.0.1')          // 'loopback'
 * nonPublicRange('::ffff:10.0.0.1')    // 'private'
 * nonPublicRange('93.184.216.34')      // undefined: public
 */
import { BlockList, isIP } from 'node:net'

const V4_RANGES: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared address space (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
]

const V6_RANGES: readonly [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only'],
  ['2001::', 23, 'IETF protocol assignments'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
]

function blockListOf(ranges: readonly [string, number, string][], type: 'ipv4' | 'ipv6'): { label: string; list: BlockList }[] {
  return ranges.map(([address, prefix, label]) => {
    const list = new BlockList()
    list.addSubnet(address, prefix, type)
    return { label, list }
  })
}
const V4 = blockListOf(V4_RANGES, 'ipv4')
const V6 = blockListOf(V6_RANGES, 'ipv6')

/** The 16 bytes of an IPv6 address in any textual form (`::`, embedded dotted quad). */
function ipv6Bytes(address: string): Uint8Array {
  let text = address.toLowerCase().replace(/%.*$/, '')
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted !== null) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined]
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  const groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
  const bytes = new Uint8Array(16)
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8
    bytes[2 * i + 1] = g & 0xff
  })
  return bytes
}

const dottedQuad = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`
const allZero = (b: Uint8Array, from: number, to: number): boolean => b.subarray(from, to).every((x) => x === 0)

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address)
  if (allZero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return dottedQuad(b, 12) // ::ffff:a.b.c.d
  if (allZero(b, 0, 12) && !allZero(b, 12, 16)) return dottedQuad(b, 12) // ::a.b.c.d (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && allZero(b, 4, 12)) return dottedQuad(b, 12) // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return dottedQuad(b, 2) // 2002:aabb:ccdd::/48
  return undefined
}

/**
 * Why `address` (an IP literal) is not a public unicast address, or undefined when it is.
 * Anything that is not an IP address at all is reported as such (never as public).
 */
export function nonPublicRange(address: string): string | undefined {
  const version = isIP(address.replace(/%.*$/, ''))
  if (version === 4) return V4.find((r) => r.list.check(address, 'ipv4'))?.label
  if (version !== 6) return 'not an IP address'
  const bare = address.replace(/%.*$/, '')
  const own = V6.find((r) => r.list.check(bare, 'ipv6'))?.label
  if (own !== undefined) return own
  const inner = embeddedIpv4(bare)
  if (inner !== undefined) {
    const label = nonPublicRange(inner)
    return label === undefined ? undefined : `${label} (IPv4 ${inner} inside IPv6)`
  }
  return undefined
}
