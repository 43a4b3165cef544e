'use server'

import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/actions/define-action'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { patchFromForm, settingsFormSchema } from '@/lib/settings/schemas'
import { updateSettings } from '@/lib/settings/update-settings'

export const updateSettingsAction = defineAction(
  { schema: settingsFormSchema, admin: true },
  async ({ input, runtime, session, meta }) => {
    const { locked } = await getInstanceSettings(runtime)
    await updateSettings({
      runtime,
      actor: { type: 'user', id: session.user.id, email: session.user.email },
      patch: patchFromForm(input, locked),
      meta,
    })
    revalidatePath('/admin/settings')
    return { ok: true, message: 'Settings saved. Every instance follows them within a few seconds.' }
  },
)
