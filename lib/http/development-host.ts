/**
 * With AUTH_ENABLED=false, whether a request named this instance. Anything on the machine can reach
 * a loopback port, web pages included: a site that rebinds its own name to 127.0.0.1 sends that
 * name as Host, so only APP_URL's host and the loopback names on its port are served.
 */
export function isDevelopmentHost(appUrl: string, host: string | null): boolean {
  if (!host) return false
  const { host: own, port } = new URL(appUrl)
  return [own, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].includes(host.toLowerCase())
}

export function developmentHostRefusal(appUrl: string, host: string | null): string {
  return `With AUTH_ENABLED=false Gatehouse answers only requests for ${new URL(appUrl).host}, not ${host ?? 'an unnamed host'}`
}
