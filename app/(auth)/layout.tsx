import { Logo } from '@/components/brand/logo'
import { getRuntime } from '@/lib/runtime'

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const { email, url } = (await getRuntime()).config.adminContact
  return (
    <div className="bg-muted/40 flex min-h-svh flex-col items-center justify-center gap-6 p-4 sm:p-8">
      <Logo className="text-lg" />
      <main className="w-full max-w-sm">{children}</main>
      <footer className="text-muted-foreground grid gap-1 text-center text-xs">
        <p>Identity, access and secrets, self-hosted.</p>
        {(email || url) && (
          <p>
            Questions or a security issue? Contact{' '}
            {email && (
              <a className="underline underline-offset-2" href={`mailto:${email}`}>
                {email}
              </a>
            )}
            {email && url && ' or '}
            {url && (
              <a className="underline underline-offset-2" href={url} rel="noreferrer">
                {new URL(url).host}
              </a>
            )}
            .
          </p>
        )}
      </footer>
    </div>
  )
}
