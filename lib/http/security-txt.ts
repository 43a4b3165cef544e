import type { Config } from '@/lib/config'

// RFC 9116 asks for an Expires under a year ahead; regenerated on every request, it never lapses.
const VALID_DAYS = 180

/** /.well-known/security.txt (RFC 9116) from ADMIN_CONTACT_EMAIL / ADMIN_CONTACT_URL; none without a contact. */
export function securityTxt(config: Pick<Config, 'adminContact' | 'appUrl'>, now = new Date()): string | undefined {
  const { email, url } = config.adminContact
  if (!email && !url) return undefined
  const expires = new Date(now.getTime() + VALID_DAYS * 86_400_000)
  expires.setUTCHours(0, 0, 0, 0)
  return [
    ...(email ? [`Contact: mailto:${email}`] : []),
    ...(url ? [`Contact: ${url}`] : []),
    `Expires: ${expires.toISOString()}`,
    `Canonical: ${config.appUrl}/.well-known/security.txt`,
    'Preferred-Languages: en',
    '',
  ].join('\n')
}
