'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'
import { Logo } from '@/components/brand/logo'
import { Button } from '@/components/ui/button'

// How often a page that failed for want of the database asks /api/ready whether it is back.
const READY_POLL_MS = 3_000

async function databaseUnreachable(signal: AbortSignal): Promise<boolean> {
  const response = await fetch('/api/ready', { cache: 'no-store', signal })
  return response.status === 503
}

/**
 * What a person sees when a page fails on the server. In production the error carries only a
 * digest, so the cause is asked of /api/ready: an unreachable database gets its own words and a
 * page that comes back by itself; anything else gets the digest, which the server's log names.
 */
export function PageError({ digest, retry }: { digest?: string; retry: () => void }) {
  const [database, setDatabase] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    let wasDown = false
    const askAgain = () => {
      if (!controller.signal.aborted) timer = setTimeout(check, READY_POLL_MS)
    }
    const check = async () => {
      try {
        const down = await databaseUnreachable(controller.signal)
        if (controller.signal.aborted) return
        if (down) {
          wasDown = true
          setDatabase(true)
          askAgain()
        } else if (wasDown) retry()
      } catch {
        // The server itself did not answer: keep asking, the page has nothing better to show.
        askAgain()
      }
    }
    check()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [retry])

  return (
    <main className="flex min-h-svh flex-col items-center justify-center gap-4 p-6 text-center">
      <Logo />
      <h1 className="text-2xl font-semibold">
        {database ? 'Gatehouse cannot reach its database' : 'This page could not be loaded'}
      </h1>
      <div aria-live="polite" className="text-muted-foreground max-w-md space-y-2 text-sm">
        {database ? (
          <>
            <p>Nothing you saved is lost. This page loads by itself as soon as the database answers again.</p>
            <p>If this lasts, an administrator should check that PostgreSQL is running and reachable.</p>
          </>
        ) : (
          <p>
            Something failed on the server. Try again; if it keeps failing, an administrator can find it in the
            server&apos;s log
            {digest ? (
              <>
                {' '}
                under the reference <code className="text-foreground font-mono">{digest}</code>
              </>
            ) : null}
            .
          </p>
        )}
      </div>
      <div className="flex flex-wrap justify-center gap-2">
        <Button onClick={retry}>Try again</Button>
        <Button asChild variant="outline">
          <Link href="/">Back to the console</Link>
        </Button>
      </div>
    </main>
  )
}
