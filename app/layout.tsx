import type { Metadata, Viewport } from 'next'
import { AuthDisabledBanner } from '@/components/console/auth-disabled-banner'
import { getConfig } from '@/lib/config'
import './globals.css'

export const metadata: Metadata = {
  title: 'Gatehouse',
  description: 'Self-hosted identity, access and secrets console',
  robots: { index: false, follow: false },
}

// Every page is rendered per request: each needs its own CSP nonce, and none may be built from the database.
export const dynamic = 'force-dynamic'

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-svh font-sans">
        {!getConfig().authEnabled && <AuthDisabledBanner />}
        {children}
      </body>
    </html>
  )
}
