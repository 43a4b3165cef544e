import type { Config } from '@/lib/config'
import { renderMail } from './render-mail'

type MailConfig = Pick<Config, 'appUrl' | 'adminContact'>

export const RESET_LINK_MINUTES = 30
export const VERIFY_LINK_HOURS = 24

/** A page of this instance with the token in the fragment, which no server log or Referer carries. */
export function linkTo(config: Pick<Config, 'appUrl'>, path: string, token: string): string {
  return `${new URL(path, config.appUrl).href}#token=${token}`
}

export function passwordResetMail(config: MailConfig, args: { email: string; token: string }) {
  return renderMail(config, {
    subject: 'Reset your Gatehouse password',
    heading: 'Choose a new password',
    paragraphs: [
      `Someone asked to reset the password of ${args.email}. The link below works once, for ${RESET_LINK_MINUTES} minutes. Setting a new password signs you out everywhere; your second factor stays on.`,
      'If it was not you, ignore this mail: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url: linkTo(config, '/reset-password', args.token) },
  })
}

/** An account without a password (it signs in with single sign-on) has nothing to reset. */
export function noPasswordToResetMail(config: MailConfig, args: { email: string; providers: string[] }) {
  const through = args.providers.length > 0 ? args.providers.join(' or ') : 'single sign-on'
  return renderMail(config, {
    subject: 'About your Gatehouse password',
    heading: 'Your account has no password to reset',
    paragraphs: [
      `Someone asked to reset the password of ${args.email}, but this account signs in with ${through}. Use the "Sign in with" button on the sign-in page; your organization manages that password.`,
      'If it was not you, you can ignore this mail.',
    ],
    action: { label: 'Go to the sign-in page', url: new URL('/login', config.appUrl).href },
  })
}

export function verificationMail(config: MailConfig, args: { email: string; token: string }) {
  return renderMail(config, {
    subject: 'Confirm your e-mail address for Gatehouse',
    heading: 'Confirm your e-mail address',
    paragraphs: [
      `Confirm that ${args.email} is yours, so that Gatehouse can send you password resets and security alerts. The link works once, for ${VERIFY_LINK_HOURS} hours.`,
      'If you did not create a Gatehouse account, ignore this mail.',
    ],
    action: { label: 'Confirm my address', url: linkTo(config, '/verify-email', args.token) },
  })
}
