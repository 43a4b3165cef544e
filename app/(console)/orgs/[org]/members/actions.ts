'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { addMember } from '@/lib/members/add-member'
import { changeMemberRole } from '@/lib/members/change-member-role'
import { changeMemberRoleFormSchema, removeMemberFormSchema } from '@/lib/members/form-schemas'
import { removeMember } from '@/lib/members/remove-member'
import { addMemberBodySchema } from '@/lib/members/schemas'

export const addMemberAction = defineAction(
  { schema: addMemberBodySchema, org: 'member:write' },
  async ({ input, runtime, access, actor, meta }) => {
    const member = await addMember(runtime, { access, email: input.email, roleName: input.role, actor, meta })
    revalidatePath(`/orgs/${access.org.slug}/members`)
    return { ok: true, message: `${member.email} joined as ${member.role}.` }
  },
)

export const changeMemberRoleAction = defineAction(
  { schema: changeMemberRoleFormSchema, org: 'member:write' },
  async ({ input, runtime, access, actor, meta }) => {
    const member = await changeMemberRole(runtime.db, {
      access,
      userId: input.user_id,
      roleName: input.role,
      actor,
      meta,
    })
    revalidatePath(`/orgs/${access.org.slug}/members`)
    return { ok: true, message: `${member.email} is now ${member.role}.` }
  },
)

// Membership only: removing someone else needs member:write (checked inside), leaving does not.
export const removeMemberAction = defineAction(
  { schema: removeMemberFormSchema, org: 'member' },
  async ({ input, runtime, access, session, actor, meta }) => {
    await removeMember(runtime.db, { access, userId: input.user_id, leaverId: session.user.id, actor, meta })
    if (input.user_id === session.user.id) {
      revalidatePath('/', 'layout')
      redirect('/')
    }
    revalidatePath(`/orgs/${access.org.slug}/members`)
    return { ok: true, message: 'Member removed.' }
  },
)
