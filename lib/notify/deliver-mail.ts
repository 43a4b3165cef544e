import 'server-only'
import type { Logger } from 'pino'
import type { MailMessage, MailTransport } from './mail-transport'

export interface DeliveryPolicy {
  attempts: number
  /** The wait before retry n (1-based) is delayMs × 4^(n-1). */
  delayMs: number
}

const DEFAULT_POLICY: DeliveryPolicy = { attempts: 3, delayMs: 2_000 }

/**
 * Sends a mail, retrying a failed send a few times, and never rejects: a mail server that is down
 * must not fail (or hold up) the request that caused the mail. Resolves to whether it was sent;
 * failures are logged with the recipient and the reason, never the body.
 */
export async function deliverMail(
  transport: MailTransport,
  log: Logger,
  message: MailMessage,
  policy: DeliveryPolicy = DEFAULT_POLICY,
): Promise<boolean> {
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      await transport.send(message)
      return true
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const last = attempt === policy.attempts
      log.warn(
        { mail: { to: message.to, subject: message.subject }, attempt, reason },
        last ? 'mail not delivered' : 'mail send failed; retrying',
      )
      if (last) return false
      await new Promise((resolve) => setTimeout(resolve, policy.delayMs * 4 ** (attempt - 1)))
    }
  }
  return false
}
