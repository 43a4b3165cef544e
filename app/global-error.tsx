'use client'

import { PageError } from '@/components/console/page-error'
import './globals.css'

// Replaces the root layout when it fails, so it brings its own document.
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-svh font-sans">
        <PageError digest={error.digest} retry={retry} />
      </body>
    </html>
  )
}
