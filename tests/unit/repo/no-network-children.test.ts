// The no-network guard reaches the processes tests start (CLI, server, bench): a child node
// process inherits it through NODE_OPTIONS and cannot open a connection off this machine.
import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'

function runNode(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env }, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    )
  })
}

describe('no network in child processes', () => {
  it('refuses fetch and raw sockets to a non-local host, allows loopback', async () => {
    const out = await runNode(`
      import net from 'node:net'
      const seen = []
      try { await fetch('http://203.0.113.7/context.json') } catch (e) { seen.push(e.message) }
      try { net.connect(80, '203.0.113.7') } catch (e) { seen.push(e.message) }
      const local = net.createServer((s) => s.on('error', () => {}).end()).listen(0, '127.0.0.1')
      await new Promise((r) => local.once('listening', r))
      const socket = net.connect(local.address().port, '127.0.0.1')
      await new Promise((r) => socket.once('connect', r))
      socket.on('error', () => {}).end(); local.close()
      console.log(JSON.stringify(seen))
    `)
    expect(JSON.parse(out)).toEqual([
      'network access is disabled in tests (fetch http://203.0.113.7/context.json)',
      'network access is disabled in tests (attempted {"port":80,"host":"203.0.113.7"})',
    ])
  })
})
