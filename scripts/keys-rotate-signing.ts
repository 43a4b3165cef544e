/**
 * `npm run keys:rotate-signing` and `gatehouse keys rotate-signing`: a new key signs tokens from
 * now on. Running instances follow within 30 s; tokens the old key signed keep working until they
 * expire, and its public key leaves the JWKS then. PostgreSQL: while the servers keep serving.
 * PGlite (one process at a time): with the server stopped.
 */
import { rotateSigningKey, SigningKeyRotationError } from '@/lib/crypto/rotate-signing-key'
import { bootLocal } from '@/lib/runtime/boot-local'

async function main() {
  const runtime = await bootLocal()
  try {
    const rotated = await rotateSigningKey(runtime.db, runtime.masterKey, runtime.config)
    console.log(`The ${rotated.alg} signing key is now ${rotated.to} (it was ${rotated.from}).`)
    console.log(
      `Running instances switch within 30 seconds. ${rotated.from} stays in /.well-known/jwks.json until ${rotated.oldKeyPublishedUntil.toISOString()}, when the last token it signed has expired.`,
    )
  } catch (error) {
    if (!(error instanceof SigningKeyRotationError)) throw error
    console.error(`Nothing was rotated: ${error.message}.`)
    process.exitCode = 2
  } finally {
    await runtime.database.close()
  }
}

main().catch((error: unknown) => {
  console.error(`Rotation did not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
