import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { median } from './load.mjs'
import { ROOT } from './server.mjs'

const CLI = join(ROOT, 'bin', 'gatehouse.mjs')

function wallMs(args, env) {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return performance.now() - started
}

/**
 * `gatehouse whoami` against the running server, paired with `node -e 0` in the same round, so that
 * the ratio holds whatever the machine is doing; issue 16's target is 4× at most.
 */
export function cliStartup({ server, apiKey, rounds = 20 }) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GATEHOUSE_API_KEY: apiKey }
  const whoami = [CLI, 'whoami', '--server', server]
  // A warm-up of each, for the file cache.
  wallMs(whoami, env)
  wallMs(['-e', '0'], env)
  const pairs = Array.from({ length: rounds }, () => {
    const cli = wallMs(whoami, env)
    const node = wallMs(['-e', '0'], env)
    return { cli, node, ratio: cli / node }
  })
  const rounded = (value, places) => Number(value.toFixed(places))
  return {
    rounds,
    whoami_ms: rounded(median(pairs.map((pair) => pair.cli)), 1),
    node_ms: rounded(median(pairs.map((pair) => pair.node)), 1),
    ratio: rounded(median(pairs.map((pair) => pair.ratio)), 2),
    max_ratio: rounded(Math.max(...pairs.map((pair) => pair.ratio)), 2),
  }
}
