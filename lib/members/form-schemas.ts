import { z } from 'zod'
import { roleNameSchema } from './schemas'

// Adding a member posts the API body as it is (addMemberBodySchema); these two carry the row's user.
export const changeMemberRoleFormSchema = z.object({ user_id: z.string().min(1).max(100), role: roleNameSchema })
export const removeMemberFormSchema = z.object({ user_id: z.string().min(1).max(100) })
