/**
 * Mail through a real SMTP server on 127.0.0.1 (smtp-server): what arrives, what the log keeps when
 * SMTP_URL is unset (never a link), and a mail server that refuses or is down, which is retried
 * and never reaches the caller as an error.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '@/lib/log'
import { type SmtpSink, startSmtpSink } from '@/lib/testing/smtp-sink'
import { deliverMail } from './deliver-mail'
import { createMailTransport, mailSender } from './mail-transport'
import { renderMail } from './render-mail'

const APP = { appUrl: 'https://gatehouse.example.com', adminContact: { email: 'it@example.com', url: undefined } }
const QUICK = { attempts: 3, delayMs: 1 }

function capturedLogger() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { log: createLogger('info', stream), lines }
}

const resetMail = () =>
  renderMail(APP, {
    subject: 'Reset your Gatehouse password',
    heading: 'Reset your password, <b>Ada</b>',
    paragraphs: ['Someone asked to reset the password of ada@example.com. The link works once, for 30 minutes.'],
    action: {
      label: 'Choose a new password',
      url: 'https://gatehouse.example.com/reset-password#token=secret-token-1',
    },
  })

describe('mail', () => {
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink()
  })
  afterAll(() => sink.close())

  it('sends HTML and plain text of the same words, from MAIL_FROM, with the instance and the admin contact', async () => {
    const { log } = capturedLogger()
    const transport = createMailTransport(
      { ...APP, smtp: { url: sink.url, from: 'Gatehouse <auth@example.com>' } },
      log,
    )
    expect(await deliverMail(transport, log, { to: 'ada@example.com', ...resetMail() }, QUICK)).toBe(true)
    const mail = await sink.waitFor((message) => message.subject === 'Reset your Gatehouse password')
    expect(mail.from?.value).toEqual([{ name: 'Gatehouse', address: 'auth@example.com' }])
    expect(mail.text).toContain(
      'Choose a new password: https://gatehouse.example.com/reset-password#token=secret-token-1',
    )
    expect(mail.text).toContain('Sent by Gatehouse at https://gatehouse.example.com.')
    expect(mail.text).toContain('Ask your administrator: it@example.com')
    expect(mail.html).toContain('href="https://gatehouse.example.com/reset-password#token=secret-token-1"')
    // A name is text, never markup.
    expect(mail.html).toContain('Reset your password, &#60;b&#62;Ada&#60;/b&#62;')
    expect(mail.html).not.toContain('<b>Ada</b>')
  })

  it('sends from no-reply at APP_URL’s host when MAIL_FROM is unset', () => {
    expect(mailSender({ appUrl: 'https://id.example.org', smtp: { url: 'smtp://x', from: undefined } })).toBe(
      'Gatehouse <no-reply@id.example.org>',
    )
  })

  it('logs only the recipient and subject when SMTP_URL is unset: never the link or its token', async () => {
    const { log, lines } = capturedLogger()
    const transport = createMailTransport({ ...APP, smtp: { url: undefined, from: undefined } }, log)
    expect(await deliverMail(transport, log, { to: 'ada@example.com', ...resetMail() }, QUICK)).toBe(true)
    const logged = lines.join('')
    expect(JSON.parse(lines[0])).toMatchObject({
      msg: 'mail not sent: SMTP_URL is unset',
      mail: { to: 'ada@example.com', subject: 'Reset your Gatehouse password' },
    })
    expect(logged).not.toContain('secret-token-1')
    expect(logged).not.toContain('reset-password')
  })

  it('retries a refused send and delivers once the server takes it', async () => {
    const { log, lines } = capturedLogger()
    const transport = createMailTransport({ ...APP, smtp: { url: sink.url, from: undefined } }, log)
    sink.failNext(2)
    const before = sink.messages.length
    expect(await deliverMail(transport, log, { to: 'retry@example.com', ...resetMail() }, QUICK)).toBe(true)
    expect(sink.messages.length).toBe(before + 1)
    expect(lines.filter((line) => line.includes('mail send failed; retrying'))).toHaveLength(2)
    expect(lines.join('')).not.toContain('secret-token-1')
  })

  it('gives up after the last attempt without throwing, and says so in the log without the body or the password', async () => {
    const { log, lines } = capturedLogger()
    const down = createMailTransport(
      { ...APP, smtp: { url: 'smtp://gatehouse:sink-password@127.0.0.1:9', from: undefined } },
      log,
    )
    expect(await deliverMail(down, log, { to: 'ada@example.com', ...resetMail() }, QUICK)).toBe(false)
    expect(lines.filter((line) => line.includes('mail not delivered'))).toHaveLength(1)
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ attempt: 3, mail: { to: 'ada@example.com' } })
    const wrongPassword = createMailTransport(
      { ...APP, smtp: { url: sink.url.replace('sink-password', 'wrong-password'), from: undefined } },
      log,
    )
    expect(await deliverMail(wrongPassword, log, { to: 'ada@example.com', ...resetMail() }, QUICK)).toBe(false)
    const logged = lines.join('')
    expect(logged).not.toContain('secret-token-1')
    expect(logged).not.toContain('sink-password')
    expect(logged).not.toContain('wrong-password')
  })
})
