import 'server-only'
import type { Db } from '@/db/client'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { MasterKey } from '@/lib/crypto/master-key'
import { putSecret } from './put-secret'
import { openSecretVersion } from './read-secret'

/**
 * Makes an older version the newest again, as a new version (history is never rewritten). The old
 * value never leaves the server, so this is a write (secret.write, restored_from), not a read.
 */
export async function restoreSecretVersion(
  db: Db,
  masterKey: MasterKey,
  args: { orgId: string; name: string; version: number; actor: AuditActor; meta: RequestMeta },
) {
  const old = await openSecretVersion(db, masterKey, args)
  return putSecret(db, masterKey, {
    ...args,
    value: old.value,
    note: `Restored from version ${old.version}`,
    details: { restored_from: old.version },
  })
}
