'use server'

import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/actions/define-action'
import {
  changeUserFormSchema,
  createUserFormSchema,
  deleteUserFormSchema,
  USER_CHANGES,
} from '@/lib/users/admin-form-schemas'
import { deleteUser } from '@/lib/users/delete-user'
import { provisionUser } from '@/lib/users/provision-user'
import { updateUser } from '@/lib/users/update-user'

export const createUserAction = defineAction(
  { schema: createUserFormSchema, admin: true },
  async ({ input, runtime, actor, meta }) => {
    const user = await provisionUser(runtime, {
      email: input.email,
      name: input.name,
      password: input.password,
      emailVerified: true,
      isAdmin: input.is_admin,
      actor,
      meta,
      joinDefaultOrg: true,
    })
    revalidatePath('/admin/users')
    return { ok: true, message: `Created ${user.email}.` }
  },
)

export const changeUserAction = defineAction(
  { schema: changeUserFormSchema, admin: true },
  async ({ input, runtime, session, actor, meta }) => {
    const user = await updateUser(runtime.db, {
      userId: input.user_id,
      actorUserId: session.user.id,
      input: USER_CHANGES[input.change],
      actor,
      meta,
    })
    revalidatePath('/admin/users')
    return { ok: true, message: `Updated ${user.email}.` }
  },
)

export const deleteUserAction = defineAction(
  { schema: deleteUserFormSchema, admin: true },
  async ({ input, runtime, session, actor, meta }) => {
    await deleteUser(runtime.db, { userId: input.user_id, actorUserId: session.user.id, actor, meta })
    revalidatePath('/admin/users')
    return { ok: true, message: 'User deleted.' }
  },
)
