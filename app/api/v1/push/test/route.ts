import { accepted } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { sendTestPush } from '@/lib/notify/test-push'
import { afterResponse } from '@/lib/runtime/after-response'

// POST /api/v1/push/test: send a test notification to each of the caller's devices (any signed-in user)
export const POST = route(
  { summary: "send a test notification to each of the caller's devices" },
  async ({ runtime, principal }) => {
    afterResponse(runtime.log, 'test notification', () => sendTestPush(runtime, principal.user.id))
    return accepted()
  },
)
