/**
 * `npm run keys:rotate` and `gatehouse keys rotate`: re-seals what the master key seals under
 * GATEHOUSE_MASTER_KEY, opening it with GATEHOUSE_MASTER_KEY_PREVIOUS. Run it once every server
 * has been restarted with both keys; run it again if it was interrupted. PostgreSQL: while the
 * servers keep serving. PGlite (one process at a time): with the server stopped.
 */
import { parseArgs } from 'node:util'
import { rotateMasterKey } from '@/lib/crypto/rotate-master-key'
import { bootLocal } from '@/lib/runtime/boot-local'

const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '100' } } })
const batchSize = Number(values['batch-size'])
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('--batch-size must be a whole number from 1 to 10000')
  process.exit(2)
}

async function main() {
  const runtime = await bootLocal()
  try {
    const { masterKey } = runtime
    if (!masterKey.previous)
      console.log(
        `GATEHOUSE_MASTER_KEY_PREVIOUS is not set: only checking that everything is sealed with ${masterKey.keyId}.`,
      )
    else
      console.log(
        `Re-sealing with master key ${masterKey.keyId} what master key ${masterKey.previous.keyId} sealed, ${batchSize} rows a batch.`,
      )
    const counts = await rotateMasterKey(runtime.db, masterKey, {
      batchSize,
      onBatch: (table, rewrapped) => console.log(`  ${table}: ${rewrapped} re-sealed`),
    })
    console.log(
      `Done: ${counts.registry} registry values, ${counts.org_data_keys} organization data keys, ${counts.totp_credentials} TOTP secrets re-sealed.`,
    )
    if (masterKey.previous)
      console.log(
        'Every value now opens with GATEHOUSE_MASTER_KEY alone: remove GATEHOUSE_MASTER_KEY_PREVIOUS and restart the servers.',
      )
  } catch (error) {
    console.error(
      `Rotation stopped: ${error instanceof Error ? error.message : String(error)}. Nothing is lost; fix the cause and run it again.`,
    )
    process.exitCode = 1
  } finally {
    await runtime.database.close()
  }
}

main().catch((error: unknown) => {
  // A wrong key or an unreachable database: boot's own message says which.
  console.error(`Rotation did not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
