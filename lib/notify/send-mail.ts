import 'server-only'
import { afterResponse } from '@/lib/runtime/after-response'
import type { Runtime } from '@/lib/runtime/types'
import { deliverMail } from './deliver-mail'
import type { MailMessage } from './mail-transport'

/** Sends a mail after the response, retried, never failing or holding up the request (deliverMail). */
export function sendMailLater(runtime: Pick<Runtime, 'mail' | 'log'>, message: MailMessage): void {
  afterResponse(runtime.log, 'mail', () => deliverMail(runtime.mail, runtime.log, message))
}
