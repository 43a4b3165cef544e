import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for Cloudflare's siteverify: tokens starting with "pass" succeed once (as
 * Cloudflare's do), anything else fails. It records what it was sent. Listens on 127.0.0.1 only.
 */
export async function startTurnstileStandIn() {
  const spent = new Set<string>()
  const received: { secret: string | null; response: string | null; remoteip: string | null }[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const form = new URLSearchParams(body)
      const token = form.get('response') ?? ''
      received.push({ secret: form.get('secret'), response: token, remoteip: form.get('remoteip') })
      const success = token.startsWith('pass') && !spent.has(token)
      spent.add(token)
      response.setHeader('content-type', 'application/json')
      response.end(
        JSON.stringify(
          success
            ? { success: true }
            : {
                success: false,
                'error-codes': [
                  spent.has(token) && token.startsWith('pass') ? 'timeout-or-duplicate' : 'invalid-input-response',
                ],
              },
        ),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
