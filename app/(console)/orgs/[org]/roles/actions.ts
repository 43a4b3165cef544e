'use server'

import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/actions/define-action'
import { deleteRole } from '@/lib/roles/delete-role'
import { deleteRoleFormSchema, saveRoleFormSchema } from '@/lib/roles/form-schemas'
import { createRole, updateRole } from '@/lib/roles/save-role'

export const saveRoleAction = defineAction(
  { schema: saveRoleFormSchema, org: 'role:write' },
  async ({ input, runtime, access, actor, meta }) => {
    const fields = { access, name: input.name, permissions: input.permissions, actor, meta }
    const role = input.role_id
      ? await updateRole(runtime.db, { ...fields, roleId: input.role_id })
      : await createRole(runtime.db, fields)
    revalidatePath(`/orgs/${access.org.slug}/roles`)
    return { ok: true, message: `Saved ${role.name}.` }
  },
)

export const deleteRoleAction = defineAction(
  { schema: deleteRoleFormSchema, org: 'role:write' },
  async ({ input, runtime, access, actor, meta }) => {
    await deleteRole(runtime.db, { access, roleId: input.role_id, actor, meta })
    revalidatePath(`/orgs/${access.org.slug}/roles`)
    return { ok: true, message: 'Role deleted.' }
  },
)
