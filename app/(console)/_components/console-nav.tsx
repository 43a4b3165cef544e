'use client'

import {
  BookOpen,
  Building2,
  FileLock,
  KeyRound,
  KeySquare,
  LayoutDashboard,
  ListChecks,
  LockKeyhole,
  LogIn,
  type LucideIcon,
  MonitorSmartphone,
  ScrollText,
  Settings,
  ShieldCheck,
  SlidersHorizontal,
  Users,
  UsersRound,
} from 'lucide-react'
import Link from 'next/link'
import { useParams, usePathname } from 'next/navigation'
import { cn } from '@/lib/utils'

export interface NavOrg {
  id: string
  slug: string
  name: string
  role: string
  permissions: string[]
}

interface NavItem {
  href: string
  label: string
  icon: LucideIcon
  exact?: boolean
}

function NavSection({ title, items, pathname }: { title?: string; items: NavItem[]; pathname: string }) {
  if (items.length === 0) return null
  return (
    <div className="grid gap-1">
      {title && <p className="text-muted-foreground truncate px-3 pt-2 pb-1 text-xs font-medium">{title}</p>}
      {items.map(({ href, label, icon: Icon, exact }) => {
        const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`)
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'focus-visible:ring-ring/50 flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium outline-none focus-visible:ring-[3px]',
              active
                ? 'bg-sidebar-accent text-sidebar-accent-foreground'
                : 'text-muted-foreground hover:bg-sidebar-accent/60 hover:text-foreground',
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        )
      })}
    </div>
  )
}

/** The org in the address, else the primary one: the org whose pages the navigation offers. */
export function useCurrentOrg(orgs: NavOrg[], primaryOrgId: string | null): NavOrg | undefined {
  const params = useParams<{ org?: string }>()
  return (
    orgs.find((org) => org.slug === params.org || org.id === params.org) ??
    orgs.find((org) => org.id === primaryOrgId) ??
    orgs[0]
  )
}

export function ConsoleNav({
  orgs,
  primaryOrgId,
  isAdmin,
  className,
}: {
  orgs: NavOrg[]
  primaryOrgId: string | null
  isAdmin: boolean
  className?: string
}) {
  const pathname = usePathname()
  const org = useCurrentOrg(orgs, primaryOrgId)
  const has = (permission: string) => org?.permissions.includes(permission) ?? false
  const base = org ? `/orgs/${org.slug}` : ''
  const orgItems: NavItem[] = org
    ? [
        ...(has('org:read') ? [{ href: base, label: 'Settings', icon: Settings, exact: true }] : []),
        ...(has('member:read') ? [{ href: `${base}/members`, label: 'Members', icon: UsersRound }] : []),
        ...(has('role:read') ? [{ href: `${base}/roles`, label: 'Roles', icon: KeyRound }] : []),
        ...(has('secret:read') ? [{ href: `${base}/secrets`, label: 'Secrets', icon: LockKeyhole }] : []),
        ...(has('file:read') ? [{ href: `${base}/files`, label: 'Files', icon: FileLock }] : []),
        ...(has('audit:read') ? [{ href: `${base}/audit`, label: 'Audit log', icon: ScrollText }] : []),
      ]
    : []
  return (
    <nav aria-label="Console" className={cn('grid gap-3', className)}>
      <NavSection
        items={[
          { href: '/', label: 'Overview', icon: LayoutDashboard, exact: true },
          { href: '/security', label: 'Security', icon: ShieldCheck },
          { href: '/sessions', label: 'Sessions', icon: MonitorSmartphone },
          ...(orgs.some((candidate) => candidate.permissions.includes('apikey:read'))
            ? [{ href: '/api-keys', label: 'API keys', icon: KeySquare }]
            : []),
          { href: '/api-reference', label: 'API reference', icon: BookOpen },
        ]}
        pathname={pathname}
      />
      <NavSection title={org?.name} items={orgItems} pathname={pathname} />
      {isAdmin && (
        <NavSection
          title="Administration"
          items={[
            { href: '/admin/users', label: 'Users', icon: Users },
            { href: '/admin/audit', label: 'Audit log', icon: ScrollText },
            { href: '/admin/settings', label: 'Settings', icon: SlidersHorizontal },
            { href: '/admin/sso', label: 'Single sign-on', icon: LogIn },
            { href: '/admin/security-checklist', label: 'Security checklist', icon: ListChecks },
          ]}
          pathname={pathname}
        />
      )}
      {orgs.length === 0 && (
        <p className="text-muted-foreground flex items-center gap-2 px-3 text-xs">
          <Building2 className="size-3.5" aria-hidden /> No organization yet
        </p>
      )}
    </nav>
  )
}
