import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = new URL('..', import.meta.url)

/**
 * Runs one of the repository's npm-script programs (scripts/NAME.ts) as `npm run` does, in the
 * operator's directory (DATA_DIR and gatehouse.toml resolve as for `npm start` there), with this
 * terminal; answers its exit code. The CLI adds nothing of its own: it is the same program.
 */
export function runLocalScript(name, args, { input } = {}) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(new URL(`scripts/${name}`, ROOT)),
      ...args,
    ],
    {
      env: {
        // The server's start-up lines are noise around a command's own answer.
        LOG_LEVEL: 'warn',
        ...process.env,
        TSX_TSCONFIG_PATH: fileURLToPath(new URL('tsconfig.json', ROOT)),
      },
      stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'],
    },
  )
  if (input !== undefined) child.stdin.end(input)
  return new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`error: cannot start ${name}: ${error.message} (internal)\n`)
      resolve(1)
    })
    child.once('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}
