import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RUN_DIR } from './server'

/** Where the console's SMTP sink (started in global-setup) writes each mail it receives. */
export const MAIL_SPOOL = join(RUN_DIR, 'mail')

export interface SpooledMail {
  to: string[]
  subject: string
  text: string
  html: string
}

function spooled(): SpooledMail[] {
  let names: string[]
  try {
    names = readdirSync(MAIL_SPOOL).sort()
  } catch {
    return []
  }
  return names.map((name) => JSON.parse(readFileSync(join(MAIL_SPOOL, name), 'utf8')) as SpooledMail)
}

/** The newest mail to `to` with this subject, waiting up to `timeoutMs` for one to arrive. */
export async function waitForMail(to: string, subject: string, timeoutMs = 10_000): Promise<SpooledMail> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const mail = spooled()
      .filter((candidate) => candidate.to.includes(to) && candidate.subject === subject)
      .at(-1)
    if (mail) return mail
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${to} arrived`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The link of a mail's button, as the plain-text part spells it out. */
export function linkIn(mail: SpooledMail, path: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path}#token=[A-Za-z0-9_-]+`))
  if (!match) throw new Error(`no ${path} link in "${mail.subject}"`)
  return match[0]
}
