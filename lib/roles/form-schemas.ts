import { z } from 'zod'
import { createRoleBodySchema } from './schemas'

// A checkbox group posts nothing, one value, or several.
const checkedPermissions = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  createRoleBodySchema.shape.permissions,
)

export const saveRoleFormSchema = z.object({
  role_id: z.string().max(100).optional(),
  name: createRoleBodySchema.shape.name,
  permissions: checkedPermissions,
})
export const deleteRoleFormSchema = z.object({ role_id: z.string().min(1).max(100) })
