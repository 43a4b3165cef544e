import { Logo } from '@/components/brand/logo'

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="bg-muted/40 flex min-h-svh flex-col items-center justify-center gap-6 p-4 sm:p-8">
      <Logo className="text-lg" />
      <main className="w-full max-w-sm">{children}</main>
      <p className="text-muted-foreground text-center text-xs">Identity, access and secrets, self-hosted.</p>
    </div>
  )
}
