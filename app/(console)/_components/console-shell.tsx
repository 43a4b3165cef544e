import { Logo } from '@/components/brand/logo'
import { findOrgsOfUser } from '@/lib/orgs/queries'
import { getRuntime } from '@/lib/runtime'
import type { SessionUser } from '@/lib/sessions/verify-session'
import { findUserById } from '@/lib/users/queries'
import { ConsoleNav } from './console-nav'
import { MobileNav } from './mobile-nav'
import { OrgSwitcher } from './org-switcher'
import { UserMenu } from './user-menu'

/** The signed-in chrome: sidebar, org switcher and user menu around a page. The caller verified the session. */
export async function ConsoleShell({ user, children }: { user: SessionUser['user']; children: React.ReactNode }) {
  const runtime = await getRuntime()
  const [orgs, profile] = await Promise.all([findOrgsOfUser(runtime.db, user.id), findUserById(runtime.db, user.id)])
  const nav = { orgs, primaryOrgId: profile?.primaryOrgId ?? null, isAdmin: user.isAdmin }
  return (
    <div className="flex min-h-svh">
      <a
        href="#content"
        className="bg-background sr-only z-50 rounded-md px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="bg-sidebar hidden w-60 shrink-0 flex-col gap-6 border-r p-4 md:flex">
        <Logo className="px-2" />
        <ConsoleNav {...nav} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center gap-2 border-b px-2 sm:gap-4 sm:px-4 md:px-8">
          <MobileNav {...nav} />
          <OrgSwitcher orgs={orgs} primaryOrgId={nav.primaryOrgId} />
          <div className="ml-auto">
            <UserMenu name={user.name} email={user.email} />
          </div>
        </header>
        <main id="content" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </div>
  )
}
