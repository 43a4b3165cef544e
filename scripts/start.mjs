// npm start: build if needed, then serve the production build in this process (scripts/server.mjs).
// Migrations, key checks and the setup URL happen at boot (instrumentation.ts), before it listens.
import { buildIfNeeded } from './build-if-needed.mjs'
import { startGatehouse } from './server.mjs'

buildIfNeeded()
startGatehouse().catch((error) => {
  process.stderr.write(`Gatehouse could not start: ${error.message}\n`)
  process.exit(1)
})
