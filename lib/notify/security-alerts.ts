import 'server-only'
import type { RequestMeta } from '@/lib/audit/types'
import { describeUserAgent } from '@/lib/format'
import type { Runtime } from '@/lib/runtime'
import { afterResponse } from '@/lib/runtime/after-response'
import { linkTo } from './account-mails'
import { deliverMail } from './deliver-mail'
import { issueMailToken, type MailTokenTarget } from './mail-tokens'
import { renderMail } from './render-mail'
import { sendPush } from './send-push'

export const REPORT_LINK_DAYS = 7

export type SecurityEvent =
  | { kind: 'new_device' }
  | { kind: 'password_changed' }
  | { kind: 'password_reset' }
  | { kind: 'totp_enabled' }
  | { kind: 'totp_disabled' }
  | { kind: 'passkey_added'; name: string }
  | { kind: 'passkey_removed'; name: string }
  | { kind: 'api_key_created'; name: string }

/** What each alert says happened: its subject, and one sentence. */
function alertWording(event: SecurityEvent): { subject: string; sentence: string } {
  switch (event.kind) {
    case 'new_device':
      return {
        subject: 'New sign-in to your Gatehouse account',
        sentence: 'Your account was signed in to from a device it had not used before.',
      }
    case 'password_changed':
      return { subject: 'Your Gatehouse password was changed', sentence: 'The password of your account was changed.' }
    case 'password_reset':
      return {
        subject: 'Your Gatehouse password was reset',
        sentence: 'The password of your account was reset with a link from a mail; every sign-in was ended.',
      }
    case 'totp_enabled':
      return {
        subject: 'Two-factor sign-in turned on',
        sentence: 'An authenticator app was set up as the second factor of your account.',
      }
    case 'totp_disabled':
      return {
        subject: 'Two-factor sign-in turned off',
        sentence: 'The authenticator app of your account was removed: sign-in no longer asks for its codes.',
      }
    case 'passkey_added':
      return {
        subject: 'A passkey was added to your account',
        sentence: `The passkey "${event.name}" was added: it can now sign in to your account.`,
      }
    case 'passkey_removed':
      return {
        subject: 'A passkey was removed from your account',
        sentence: `The passkey "${event.name}" was removed from your account.`,
      }
    case 'api_key_created':
      return {
        subject: 'A new API key was created',
        sentence: `The API key "${event.name}" was created with your account.`,
      }
  }
}

/**
 * A security alert to the account's owner, by e-mail (always) and Web Push (each device where it is
 * on), after the response: what happened, when, from which address and device, and a "This
 * wasn't me" link, good once for 7 days, that ends exactly `target` (the session, API sign-in or
 * key the alert is about).
 */
export function raiseSecurityAlert(
  runtime: Runtime,
  args: {
    user: { id: string; email: string }
    event: SecurityEvent
    meta: RequestMeta
    target?: MailTokenTarget
    /** The known device a new-device alert is about, which its report forgets. */
    deviceId?: string
  },
): void {
  const at = new Date()
  afterResponse(runtime.log, `security alert ${args.event.kind}`, async () => {
    const token = await issueMailToken(runtime.db, {
      userId: args.user.id,
      purpose: 'report',
      ttlSeconds: REPORT_LINK_DAYS * 24 * 3600,
      target: args.target,
      deviceId: args.deviceId,
    })
    const { subject, sentence } = alertWording(args.event)
    const from = `${describeUserAgent(args.meta.userAgent)}, address ${args.meta.ip ?? 'unknown'}`
    const when = `${at.toISOString().replace('T', ' ').slice(0, 16)} UTC`
    const mail = renderMail(runtime.config, {
      subject,
      heading: subject,
      paragraphs: [
        sentence,
        `When: ${when}. From: ${from}.`,
        'If it was you, there is nothing to do.',
        `If it was not you, say so with the button below (it works once, for ${REPORT_LINK_DAYS} days): it ends what the alert is about, and tells you what to do next.`,
      ],
      action: { label: 'This wasn’t me', url: linkTo(runtime.config, '/report', token) },
    })
    await Promise.all([
      deliverMail(runtime.mail, runtime.log, { to: args.user.email, ...mail }),
      sendPush(runtime, args.user.id, {
        title: subject,
        body: `${sentence} ${when}, ${from}.`,
        url: `/report#token=${token}`,
        event: args.event.kind,
      }),
    ])
  })
}
