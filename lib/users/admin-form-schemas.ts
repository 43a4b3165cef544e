import { z } from 'zod'
import { checkboxField } from '@/lib/actions/form-fields'
import { createUserBodySchema } from './admin-schemas'

export const createUserFormSchema = createUserBodySchema
  .extend({
    is_admin: checkboxField(),
  })
  .strip()

export const USER_CHANGES = {
  make_admin: { isAdmin: true },
  remove_admin: { isAdmin: false },
  disable: { disabled: true },
  enable: { disabled: false },
} as const

export const changeUserFormSchema = z.object({
  user_id: z.string().min(1).max(100),
  change: z.enum(Object.keys(USER_CHANGES) as [keyof typeof USER_CHANGES]),
})
export const deleteUserFormSchema = z.object({ user_id: z.string().min(1).max(100) })
