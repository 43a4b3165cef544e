import 'server-only'
import type { Runtime } from '@/lib/runtime'
import { type PushOutcome, sendPush } from './send-push'

/** "Send a test notification": what a user sees when notifications work. */
export function sendTestPush(runtime: Runtime, userId: string): Promise<PushOutcome> {
  return sendPush(runtime, userId, {
    title: 'Gatehouse notifications work',
    body: 'Security alerts for your account will appear like this.',
    url: '/security',
    event: 'test',
  })
}
