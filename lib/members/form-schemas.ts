import { z } from 'zod'
import { addMemberBodySchema, roleNameSchema } from './schemas'

export const addMemberFormSchema = addMemberBodySchema
export const changeMemberRoleFormSchema = z.object({ user_id: z.string().min(1).max(100), role: roleNameSchema })
export const removeMemberFormSchema = z.object({ user_id: z.string().min(1).max(100) })
