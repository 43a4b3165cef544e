import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { getInstanceSettings, settingsJson } from '@/lib/settings/instance-settings'
import { patchSettingsBodySchema, settingsResponse } from '@/lib/settings/schemas'
import { updateSettings } from '@/lib/settings/update-settings'

// GET /api/v1/admin/settings: the settings in force, and which ones configuration locks (instance admins)
export const GET = route(
  { summary: 'the settings in force, and which ones configuration locks', admin: true },
  async ({ runtime }) => json(settingsResponse.parse(settingsJson(runtime.config, await getInstanceSettings(runtime)))),
)

// PATCH /api/v1/admin/settings: change registration, default role, password policy, Turnstile (instance admins)
export const PATCH = route(
  {
    summary: 'change registration, default role, password policy and Turnstile; 409 for a locked field',
    admin: true,
    body: patchSettingsBodySchema,
  },
  async ({ runtime, principal, body, meta }) => {
    const actor = { type: 'user' as const, id: principal.user.id, email: principal.user.email }
    const settings = await updateSettings({ runtime, actor, patch: body, meta })
    return json(settingsResponse.parse(settingsJson(runtime.config, settings)))
  },
)
