import { Logo } from '@/components/brand/logo'

/** A page's frame for an anonymous guest: the name of the product, no navigation into the console. */
export function GuestShell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-svh flex-col">
      <header className="flex h-14 items-center border-b px-4 md:px-8">
        <Logo />
      </header>
      <main id="content" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  )
}
