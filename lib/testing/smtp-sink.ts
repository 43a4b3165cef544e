import { mkdirSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { arrivals } from './arrivals'

/** Whether a received mail was sent to this address (To holds one address object or a list of them). */
export function isAddressedTo(message: ParsedMail, address: string): boolean {
  const recipients = [message.to ?? []].flat()
  return recipients.some((group) => group.value.some((entry) => entry.address?.toLowerCase() === address.toLowerCase()))
}

export interface SmtpSink {
  /** smtp://user:password@127.0.0.1:PORT, the way an operator sets SMTP_URL. */
  url: string
  messages: ParsedMail[]
  /** The next `failures` deliveries are refused with a 451 (a mail server in trouble). */
  failNext(failures: number): void
  /** Resolves with the first message (arrived or arriving) that matches. */
  waitFor(match: (message: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>
  close(): Promise<void>
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests to read (the smtp-server package). */
export async function startSmtpSink(
  options: {
    credentials?: { user: string; password: string }
    /** Also write each mail there as JSON ({to, subject, text, html}), for readers in other processes. */
    spoolDir?: string
  } = {},
): Promise<SmtpSink> {
  const credentials = options.credentials ?? { user: 'gatehouse', password: 'sink-password' }
  if (options.spoolDir) mkdirSync(options.spoolDir, { recursive: true })
  const received = arrivals<ParsedMail>('mail')
  const messages = received.items
  let failures = 0
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password)
        return callback(null, { user: auth.username })
      callback(new Error('Invalid username or password'))
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((message) => {
        if (failures > 0) {
          failures--
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }))
        }
        received.add(message)
        if (options.spoolDir) {
          const to = [message.to ?? []].flat().flatMap((group) => group.value.map((entry) => entry.address))
          const mail = { to, subject: message.subject, text: message.text, html: message.html }
          writeFileSync(
            join(options.spoolDir, `${String(messages.length).padStart(6, '0')}.json`),
            JSON.stringify(mail),
          )
        }
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://${credentials.user}:${credentials.password}@127.0.0.1:${port}`,
    messages,
    failNext: (count) => {
      failures = count
    },
    waitFor: received.waitFor,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
