import { ConsoleShell } from '@/app/(console)/_components/console-shell'
import { getCurrentSession } from '@/lib/auth/require'
import { GuestShell } from './_components/guest-shell'

/**
 * Org pages that guests may read as well (the proxy lets them through without a session cookie
 * while ALLOW_GUEST_MODE is on), outside the console layout, which sends everyone without a
 * session to /login. Each page decides who gets in (requireOrgAccessOrGuest); this layout only
 * picks the chrome: the console's for a signed-in user, a bare header for an anonymous guest.
 */
export default async function GuestReadableLayout({ children }: { children: React.ReactNode }) {
  const session = await getCurrentSession()
  if (session) return <ConsoleShell user={session.user}>{children}</ConsoleShell>
  return <GuestShell>{children}</GuestShell>
}
