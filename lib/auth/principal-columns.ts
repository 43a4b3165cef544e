import 'server-only'
import { users } from '@/db/schema'
import { mfaEnabledColumn } from './mfa/second-factor-columns'

/** The columns of a PrincipalUser, selected by every credential lookup. */
export const principalUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
  primaryOrgId: users.primaryOrgId,
  mfaEnabled: mfaEnabledColumn,
}
