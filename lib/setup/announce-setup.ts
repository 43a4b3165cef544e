import 'server-only'
import { NO_REQUEST } from '@/lib/audit/types'
import { ConfigError } from '@/lib/config'
import type { Runtime } from '@/lib/runtime/types'
import { hasAnyUser } from '@/lib/users/queries'
import { createFirstAdmin } from './create-first-admin'
import { ensureSetupToken } from './setup-token'

/**
 * At boot on an instance without users: create the admin from GATEHOUSE_ADMIN_* or print the
 * one-time setup URL. There is no default password.
 */
export async function announceSetup(runtime: Runtime): Promise<void> {
  const { db, config, log, masterKey } = runtime
  if (await hasAnyUser(db)) return
  if (config.initialAdmin) {
    const user = await createFirstAdmin({ runtime, ...config.initialAdmin, meta: NO_REQUEST, headless: true }).catch(
      (error) => {
        if (error?.code === 'already_set_up') return undefined
        if (error?.code === 'validation_failed') {
          const rules = (error.errors as { message: string }[]).map((e) => e.message).join(' ')
          throw new ConfigError(
            `Invalid configuration: GATEHOUSE_ADMIN_PASSWORD: does not meet the password policy. ${rules}`,
          )
        }
        throw error
      },
    )
    if (user) log.info({ email: user.email }, 'created the first admin from GATEHOUSE_ADMIN_EMAIL')
    return
  }
  const token = await ensureSetupToken(db, masterKey)
  const url = `${config.appUrl}/setup#token=${token}`
  log.warn({ setupUrl: url }, `No users yet. Claim this instance at ${url} (setup token: ${token})`)
}
