// ndjsonLines: the lines of a streamed NDJSON body, as they arrive, within the body limit.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ndjsonLines } from '../../src/http/ndjson-lines.js'

async function collect(parts: (Buffer | string)[], limit = 1024, complete?: boolean): Promise<string[]> {
  const out: string[] = []
  const request = complete === undefined ? undefined : ({ complete } as never)
  for await (const l of ndjsonLines(Readable.from(parts), limit, request)) out.push(l)
  return out
}

describe('ndjsonLines', () => {
  it('splits lines across packets, keeps multi-byte characters cut between packets, drops CR and blank lines', async () => {
    const bytes = Buffer.from('{"a":"Zoë"}\r\n\n  \n{"b":"✓"}\n{"c":3}')
    const at = bytes.indexOf(Buffer.from('✓')) + 1 // inside the 3-byte character
    expect(await collect([bytes.subarray(0, 9), bytes.subarray(9, at), bytes.subarray(at)])).toEqual(['{"a":"Zoë"}', '{"b":"✓"}', '{"c":3}'])
  })

  it('yields each line as soon as its packet arrives (the body is never held whole)', async () => {
    const seen: string[] = []
    async function* body() {
      yield Buffer.from('{"n":1}\n{"n":')
      expect(seen).toEqual(['{"n":1}'])
      yield Buffer.from('2}\n')
    }
    for await (const l of ndjsonLines(body(), 1024)) seen.push(l)
    expect(seen).toEqual(['{"n":1}', '{"n":2}'])
  })

  it('refuses a body over the limit with ERR_INPUT_TOO_LARGE, and one that ended before the request was complete', async () => {
    await expect(collect(['{"a":1}\n', 'x'.repeat(20)], 16)).rejects.toMatchObject({ code: 'ERR_INPUT_TOO_LARGE' })
    await expect(collect(['{"a":1}\n'], 1024, false)).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
    expect(await collect(['{"a":1}\n'], 1024, true)).toEqual(['{"a":1}'])
  })
})
