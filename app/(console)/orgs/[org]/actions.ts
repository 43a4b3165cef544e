'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { deleteOrg } from '@/lib/orgs/delete-org'
import { deleteOrgFormSchema, updateOrgFormSchema } from '@/lib/orgs/schemas'
import { updateOrg } from '@/lib/orgs/update-org'

export const updateOrgAction = defineAction(
  { schema: updateOrgFormSchema, org: 'org:write' },
  async ({ input, runtime, access, actor, session, meta }) => {
    await updateOrg(runtime.db, {
      access,
      input: { name: input.name, requireMfa: input.require_mfa },
      actor,
      actorHasMfa: session.user.mfaEnabled,
      allowGuestMode: runtime.config.allowGuestMode,
      meta,
    })
    revalidatePath('/', 'layout')
    return { ok: true, message: 'Settings saved.' }
  },
)

export const deleteOrgAction = defineAction(
  { schema: deleteOrgFormSchema, org: 'org:admin' },
  async ({ runtime, access, actor, meta }) => {
    await deleteOrg(runtime, { access, actor, meta })
    revalidatePath('/', 'layout')
    redirect('/')
  },
)
