'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { deleteOrg } from '@/lib/orgs/delete-org'
import { deleteOrgFormSchema, guestAccessFormSchema, updateOrgFormSchema } from '@/lib/orgs/schemas'
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

/** The owners' guest access switch: the same domain function (and checks) as PATCH guest_access. */
export const updateGuestAccessAction = defineAction(
  { schema: guestAccessFormSchema, org: 'org:admin' },
  async ({ input, runtime, access, actor, session, meta }) => {
    const org = await updateOrg(runtime.db, {
      access,
      input: { guestAccess: input.guest_access },
      actor,
      actorHasMfa: session.user.mfaEnabled,
      allowGuestMode: runtime.config.allowGuestMode,
      meta,
    })
    revalidatePath(`/orgs/${org.slug}`)
    return {
      ok: true,
      message: org.guestAccess
        ? 'Guest access is on: anyone can list and download this organization’s files.'
        : 'Guest access is off.',
    }
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
