import 'server-only'
import type { Principal } from '@/lib/auth/principal'
import { AppError, isAppError } from '@/lib/errors'
import { authorizeOrg } from '@/lib/rbac/authorize-org'
import type { Runtime } from '@/lib/runtime'
import { findFileById } from './queries'

const anonymousRefusal = () => new AppError('unauthenticated', 'Send a download link’s ?token=, or authenticate')
const noSuchFile = () => new AppError('not_found', 'No such file')

/**
 * A download without a link: the file and the caller's access to its org (file:read), as a member
 * or, where the file's org opted in, as a guest. The org comes from the file alone, so naming a
 * guest org elsewhere in the request opens nothing. Anonymous callers get the same 401 for a
 * missing file and a closed org's file, signed-in ones the same 404: neither learns which ids exist.
 */
export async function authorizeFileRead(runtime: Runtime, principal: Principal | null, id: string) {
  if (!principal && !runtime.config.allowGuestMode) throw anonymousRefusal()
  const file = await findFileById(runtime.db, id)
  if (!file) throw principal ? noSuchFile() : anonymousRefusal()
  try {
    const access = await authorizeOrg(runtime.db, principal, file.orgId, 'file:read', {
      fromCredential: true,
      guests: runtime.config,
    })
    if (access.org.id !== file.orgId) throw noSuchFile()
    return { file, access }
  } catch (error) {
    if (isAppError(error) && error.code === 'unauthenticated') throw anonymousRefusal()
    if (isAppError(error) && error.code === 'not_found') throw noSuchFile()
    throw error
  }
}
