/** Only a same-site path may be a post-sign-in target: never another origin (open redirect). */
export function safeCallbackPath(candidate: string | undefined | null): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return '/'
  try {
    const url = new URL(candidate, 'http://gatehouse.invalid')
    return url.origin === 'http://gatehouse.invalid' ? `${url.pathname}${url.search}` : '/'
  } catch {
    return '/'
  }
}
