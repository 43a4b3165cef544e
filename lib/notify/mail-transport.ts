import 'server-only'
import nodemailer from 'nodemailer'
import type { Logger } from 'pino'
import type { Config } from '@/lib/config'

/** One mail, already rendered: HTML and plain text of the same content. */
export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
}

export interface MailTransport {
  /** Sends the mail or throws; deliverMail retries and never lets a failure reach the request. */
  send(message: MailMessage): Promise<void>
}

// A mail server that stalls must not hold a delivery (and its retries) for minutes. nodemailer reads
// its options from the URL's query, where an operator may set other values.
const TIMEOUTS = { connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '20000' }

function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl)
  for (const [name, value] of Object.entries(TIMEOUTS))
    if (!url.searchParams.has(name)) url.searchParams.set(name, value)
  return url.href
}

/** MAIL_FROM, or no-reply at APP_URL's host. */
export function mailSender(config: Pick<Config, 'smtp' | 'appUrl'>): string {
  return config.smtp.from ?? `Gatehouse <no-reply@${new URL(config.appUrl).hostname}>`
}

/**
 * Mail over SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for TLS from the start; the
 * user and password are in the URL). Without SMTP_URL, mail is only logged: the recipient and the
 * subject, never the body, which carries links and tokens.
 */
export function createMailTransport(config: Pick<Config, 'smtp' | 'appUrl'>, log: Logger): MailTransport {
  const from = mailSender(config)
  if (!config.smtp.url)
    return {
      send: async (message) => {
        log.info({ mail: { to: message.to, subject: message.subject } }, 'mail not sent: SMTP_URL is unset')
      },
    }
  const transport = nodemailer.createTransport(withTimeouts(config.smtp.url))
  return {
    send: async (message) => {
      await transport.sendMail({ from, ...message })
    },
  }
}
