import { requireUser } from '@/lib/auth/require'
import { ConsoleShell } from './_components/console-shell'

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireUser()
  return <ConsoleShell user={user}>{children}</ConsoleShell>
}
