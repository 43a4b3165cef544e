'use server'

import { defineAction } from '@/lib/actions/define-action'
import { reportFormSchema } from '@/lib/auth/mail-link-schemas'
import { type EndedByReport, reportAlert } from '@/lib/auth/report-alert'

const ENDED: Record<EndedByReport, string> = {
  session: 'The browser session the alert was about is signed out.',
  refresh_family: 'The API sign-in the alert was about is ended: its tokens no longer work.',
  api_key: 'The API key the alert was about is revoked.',
}

export const reportAction = defineAction(
  { schema: reportFormSchema, public: true },
  async ({ input, runtime, meta }) => {
    const { ended } = await reportAlert(runtime, { token: input.token, meta })
    return {
      ok: true,
      message: ended ? ENDED[ended.type] : 'What the alert was about had ended already, so nothing else changed.',
    }
  },
)
