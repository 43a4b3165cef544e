// Assembles a self-contained Gatehouse from the production build, to copy to a server or into an
// image: `node scripts/standalone.mjs DIR`, then `node DIR/server.mjs`. Next's standalone output
// holds the server code and the node_modules it traced; the browser assets, public/ and the server
// in front of Next (scripts/server.mjs) are added here. Next's own server.js is left out: it would
// believe a client's X-Forwarded-For.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export function assembleStandalone(target) {
  const standalone = join(ROOT, '.next', 'standalone')
  if (!existsSync(standalone)) throw new Error('no .next/standalone: run `npm run build` first')
  const dir = resolve(target)
  if (existsSync(dir)) throw new Error(`${dir} exists already: name a new directory`)
  // Next links .next/node_modules/<package>-<hash> to ../../node_modules/<package>: copied as they are,
  // not resolved to the build's absolute path, the copy reads only its own node_modules.
  cpSync(standalone, dir, { recursive: true, verbatimSymlinks: true })
  rmSync(join(dir, 'server.js'))
  cpSync(join(ROOT, '.next', 'static'), join(dir, '.next', 'static'), { recursive: true })
  cpSync(join(ROOT, 'public'), join(dir, 'public'), { recursive: true })
  mkdirSync(join(dir, 'lib'))
  for (const file of ['server.mjs', 'healthcheck.mjs']) cpSync(join(ROOT, 'scripts', file), join(dir, file))
  for (const file of readdirSync(join(ROOT, 'scripts', 'lib')).filter((name) => name.endsWith('.mjs')))
    cpSync(join(ROOT, 'scripts', 'lib', file), join(dir, 'lib', file))
  return dir
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [target] = process.argv.slice(2)
  if (!target) {
    process.stderr.write('usage: node scripts/standalone.mjs DIR\n')
    process.exit(2)
  }
  try {
    const dir = assembleStandalone(target)
    process.stdout.write(`Gatehouse assembled in ${dir}; start it with: node ${join(dir, 'server.mjs')}\n`)
  } catch (error) {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
}
