// Every test process runs with the network disabled (tests/setup/no-network.mjs), and so
// does every process a test starts: the guard goes into NODE_OPTIONS, which child processes
// inherit with the environment.
import { pathToFileURL } from 'node:url'
import './no-network.mjs'

const guard = `--import=${pathToFileURL(new URL('./no-network.mjs', import.meta.url).pathname).href}`
if (!(process.env['NODE_OPTIONS'] ?? '').includes(guard)) {
  process.env['NODE_OPTIONS'] = [process.env['NODE_OPTIONS'], guard].filter(Boolean).join(' ')
}
