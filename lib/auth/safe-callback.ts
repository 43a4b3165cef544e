import { hasControlCharacter } from '@/lib/control-characters'

const BASE = 'http://gatehouse.invalid'

/**
 * Only a same-site path may be a post-sign-in target: never another origin (open redirect). The
 * check runs on the URL as a browser will resolve it: `/.//evil`, `/%2e//evil` and `/\evil` all
 * normalise to `//evil`, which a browser reads as another host.
 */
export function safeCallbackPath(candidate: string | undefined | null): string {
  // Whitespace and control characters are dropped by URL parsers, so they could hide a second slash.
  if (!candidate?.startsWith('/') || /[\s\\]/.test(candidate) || hasControlCharacter(candidate)) return '/'
  let url: URL
  try {
    url = new URL(candidate, BASE)
  } catch {
    return '/'
  }
  const path = `${url.pathname}${url.search}`
  if (url.origin !== BASE || !path.startsWith('/') || path.startsWith('//')) return '/'
  return path
}
