import { CircleAlert, Search } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireAdmin } from '@/lib/auth/require'
import { formatDateTime } from '@/lib/format'
import { decodeCursor, pageOf } from '@/lib/http/pagination'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { listUsersQuerySchema } from '@/lib/users/admin-schemas'
import { findUsers } from '@/lib/users/find-users'
import { CreateUserDialog } from './_components/create-user-dialog'
import { UserActions } from './_components/user-actions'

export const metadata: Metadata = { title: 'Users · Gatehouse' }

const PAGE_SIZE = 25

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const { user: me } = await requireAdmin()
  const runtime = await getRuntime()
  const parsed = listUsersQuerySchema.safeParse({ ...(await searchParams), limit: PAGE_SIZE })
  const query = parsed.success ? parsed.data : { q: undefined, cursor: undefined, limit: PAGE_SIZE }
  const refusal = parsed.success ? undefined : parsed.error.issues[0]?.message
  const offset = (() => {
    try {
      return decodeCursor(query.cursor)
    } catch {
      return 0
    }
  })()
  const settings = await getInstanceSettings(runtime)
  const page = pageOf(await findUsers(runtime.db, { search: query.q, limit: PAGE_SIZE + 1, offset }), PAGE_SIZE, offset)
  const nextHref = page.next_cursor
    ? `/admin/users?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: page.next_cursor })}`
    : undefined
  return (
    <div className="grid gap-6">
      <PageHeader title="Users" description="Every account on this instance.">
        <CreateUserDialog policy={settings.passwordPolicy} defaultRole={settings.defaultUserRole} />
      </PageHeader>
      <search>
        <form className="flex max-w-md gap-2" action="/admin/users">
          <label htmlFor="user-search" className="sr-only">
            Search users
          </label>
          <Input
            id="user-search"
            name="q"
            type="search"
            placeholder="Search by e-mail or name"
            defaultValue={query.q}
          />
          <Button type="submit" variant="outline">
            <Search /> Search
          </Button>
        </form>
      </search>
      {refusal && (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>That search could not be used: {refusal} Showing every user instead.</AlertDescription>
        </Alert>
      )}
      <ConsoleTable
        columns={[
          { label: 'User' },
          { label: 'Status' },
          { label: 'Created', className: 'hidden md:table-cell' },
          { label: 'Last sign-in', className: 'hidden md:table-cell' },
        ]}
      >
        {page.items.map((user) => (
          <TableRow key={user.id}>
            <TableCell>
              <TwoLineCell primary={user.name ?? user.email} secondary={user.email} />
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-1">
                {user.disabledAt ? (
                  <Badge variant="destructive">Disabled</Badge>
                ) : (
                  <Badge variant="outline">Active</Badge>
                )}
                {user.isAdmin && <Badge>Admin</Badge>}
              </div>
            </TableCell>
            <TableCell className="text-muted-foreground hidden text-xs md:table-cell">
              {formatDateTime(user.createdAt)}
            </TableCell>
            <TableCell className="text-muted-foreground hidden text-xs md:table-cell">
              {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}
            </TableCell>
            <TableCell className="text-right">
              <UserActions
                user={{ id: user.id, email: user.email, isAdmin: user.isAdmin, disabled: user.disabledAt !== null }}
                isSelf={user.id === me.id}
              />
            </TableCell>
          </TableRow>
        ))}
        {page.items.length === 0 && (
          <TableRow>
            <TableCell colSpan={5} className="text-muted-foreground py-6 text-center">
              {query.q ? `No user matches “${query.q}”.` : 'No users.'}
            </TableCell>
          </TableRow>
        )}
      </ConsoleTable>
      {(offset > 0 || nextHref) && (
        <div className="flex gap-2">
          {offset > 0 && (
            <Button asChild variant="outline">
              <Link href={`/admin/users${query.q ? `?q=${encodeURIComponent(query.q)}` : ''}`}>First page</Link>
            </Button>
          )}
          {nextHref && (
            <Button asChild variant="outline">
              <Link href={nextHref}>Next page</Link>
            </Button>
          )}
        </div>
      )}
    </div>
  )
}
