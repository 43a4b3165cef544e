'use client'

import { useEffect, useState } from 'react'

/**
 * The token of a mail link, from `#token=` (or `?token=`), read once on the page and then taken
 * out of the address bar, so that it stays out of the history and of screenshots. Opening the
 * link does nothing with it: only the page's form, sent by the user, does. `undefined` until read.
 */
export function useLinkToken(): string | null | undefined {
  const [token, setToken] = useState<string | null>()
  useEffect(() => {
    const url = new URL(window.location.href)
    const found = new URLSearchParams(url.hash.slice(1)).get('token') ?? url.searchParams.get('token')
    setToken(found)
    if (found) {
      url.hash = ''
      url.searchParams.delete('token')
      window.history.replaceState(null, '', url.pathname + url.search)
    }
  }, [])
  return token
}
