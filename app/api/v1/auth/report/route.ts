import { reportBodySchema } from '@/lib/auth/mail-link-schemas'
import { reportAlert } from '@/lib/auth/report-alert'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/report: "This wasn't me" from a security alert: ends the session, API sign-in or key it names (public)
export const POST = route(
  {
    summary: '"This wasn\'t me" from a security alert: ends the session, API sign-in or key it names',
    auth: 'none',
    body: reportBodySchema,
  },
  async ({ runtime, body, meta }) => {
    const { ended } = await reportAlert(runtime, { token: body.token, meta })
    return json({ ended })
  },
)
