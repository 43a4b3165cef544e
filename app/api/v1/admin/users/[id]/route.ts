import { hasSecondFactor } from '@/lib/auth/mfa/queries'
import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { adminUserResponse, updateUserBodySchema, userPathSchema } from '@/lib/users/admin-schemas'
import { deleteUser } from '@/lib/users/delete-user'
import { updateUser } from '@/lib/users/update-user'

// PATCH /api/v1/admin/users/{id}: rename, grant or remove admin, disable or enable (instance admins)
export const PATCH = route(
  {
    summary: 'rename, grant or remove admin, disable or enable',
    admin: true,
    params: userPathSchema,
    body: updateUserBodySchema,
  },
  async ({ runtime, principal, params, body, meta }) => {
    const user = await updateUser(runtime.db, {
      userId: params.id,
      actorUserId: principal.user.id,
      input: { name: body.name, isAdmin: body.is_admin, disabled: body.disabled },
      actor: auditActorOf(principal),
      meta,
    })
    return json(adminUserResponse.parse({ ...user, mfaEnabled: await hasSecondFactor(runtime.db, user.id) }))
  },
)

// DELETE /api/v1/admin/users/{id}: delete an account (instance admins)
export const DELETE = route(
  { summary: 'delete an account', admin: true, params: userPathSchema },
  async ({ runtime, principal, params, meta }) => {
    await deleteUser(runtime.db, {
      userId: params.id,
      actorUserId: principal.user.id,
      actor: auditActorOf(principal),
      meta,
    })
    return noContent()
  },
)
