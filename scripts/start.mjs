// npm start: build if needed, then serve the production build. Migrations, key checks and the
// setup URL happen at boot (instrumentation.ts), before the first request is answered.
import { spawn } from 'node:child_process'
import { buildIfNeeded } from './build-if-needed.mjs'

buildIfNeeded()
const port = process.env.PORT ?? '3000'
const host = process.env.BIND_HOST ?? '127.0.0.1'
const server = spawn('npx', ['next', 'start', '--port', port, '--hostname', host], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
