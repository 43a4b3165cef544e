/**
 * SSRF: Gatehouse fetches whatever URLs an identity provider's administrator or discovery document
 * names. Without the guard, an issuer (or a token or JWKS endpoint in a forged discovery document)
 * on 127.0.0.1, a private network or the metadata service would let an admin account, or whoever
 * controls the IdP, make the server call inside the network. Only trusted origins may be http or
 * internal, and every redirect is judged again. Servers here listen on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedFetch, OutboundRefusal } from './guarded-fetch'

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void

async function listen(handler: Handler): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => handler(request, response, body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error) => (error instanceof OutboundRefusal ? error.reason : `unexpected ${error}`),
  )

describe('guardedFetch', () => {
  let idp: { server: Server; origin: string }
  let other: { server: Server; origin: string }
  const seen: { path: string; authorization?: string; contentType?: string; body: string }[] = []

  beforeAll(async () => {
    other = await listen((request, response, body) => {
      seen.push({ path: `other${request.url}`, authorization: request.headers.authorization, body })
      response.end('elsewhere')
    })
    idp = await listen((request, response, body) => {
      seen.push({
        path: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      })
      const redirect = (to: string) => response.writeHead(302, { location: to }).end()
      if (request.url === '/.well-known/openid-configuration') return response.end('{"issuer":"x"}')
      if (request.url === '/to-metadata-http') return redirect('http://169.254.169.254/latest/meta-data/')
      if (request.url === '/to-metadata-https') return redirect('https://169.254.169.254/latest/meta-data/')
      if (request.url === '/to-other') return redirect(`${other.origin}/landing`)
      if (request.url === '/loop') return redirect('/loop')
      if (request.url === '/huge') return response.end(Buffer.alloc(2 * 1024 * 1024, 'a'))
      if (request.url === '/silent') return // never answers
      response.end(`ok ${request.method}`)
    })
  })
  afterAll(() => {
    idp.server.closeAllConnections()
    idp.server.close()
    other.server.close()
  })
  const trusting = (...origins: string[]) => ({ trustedOrigins: origins })

  it('refuses http and internal addresses unless the origin is trusted', async () => {
    expect(await refusalOf(guardedFetch(`${idp.origin}/.well-known/openid-configuration`, {}, trusting()))).toBe(
      'scheme',
    )
    const port = new URL(idp.origin).port
    for (const url of [
      `https://127.0.0.1:${port}/`,
      `https://[::1]:${port}/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/',
    ])
      expect(await refusalOf(guardedFetch(url, {}, trusting())), url).toBe('address')
    // A name that resolves to loopback is refused when it is resolved, before any connection.
    expect(await refusalOf(guardedFetch(`https://localhost:${port}/`, {}, trusting()))).toBe('address')
    expect(seen).toHaveLength(0)

    const response = await guardedFetch(`${idp.origin}/.well-known/openid-configuration`, {}, trusting(idp.origin))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ issuer: 'x' })
  })

  it('judges every redirect again, and drops credentials when one leaves the origin', async () => {
    const policy = trusting(idp.origin, other.origin)
    expect(await refusalOf(guardedFetch(`${idp.origin}/to-metadata-http`, {}, policy))).toBe('scheme')
    expect(await refusalOf(guardedFetch(`${idp.origin}/to-metadata-https`, {}, policy))).toBe('address')
    expect(await refusalOf(guardedFetch(`${idp.origin}/loop`, {}, policy))).toBe('redirects')
    // Trusting the IdP does not trust where it redirects to.
    expect(await refusalOf(guardedFetch(`${idp.origin}/to-other`, {}, trusting(idp.origin)))).toBe('scheme')

    seen.length = 0
    const followed = await guardedFetch(
      `${idp.origin}/to-other`,
      { headers: { authorization: 'Basic c2VjcmV0' } },
      policy,
    )
    expect(await followed.text()).toBe('elsewhere')
    expect(seen.map((entry) => [entry.path, entry.authorization])).toEqual([
      ['/to-other', 'Basic c2VjcmV0'],
      ['other/landing', undefined],
    ])
    const manual = await guardedFetch(`${idp.origin}/to-other`, { redirect: 'manual' }, policy)
    expect(manual.status).toBe(302)
  })

  it('posts forms, and stops answers that are too large or never come', async () => {
    const policy = { ...trusting(idp.origin), timeoutMs: 300 }
    seen.length = 0
    const posted = await guardedFetch(
      `${idp.origin}/token`,
      { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: 'abc' }) },
      policy,
    )
    expect(await posted.text()).toBe('ok POST')
    expect(seen[0]).toMatchObject({
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=authorization_code&code=abc',
    })
    // openid-client sends its userinfo GET with `body: null`: no body goes out (a "null" body got a 400).
    seen.length = 0
    const fetched = await guardedFetch(`${idp.origin}/me`, { method: 'GET', body: null }, policy)
    expect(await fetched.text()).toBe('ok GET')
    expect(seen[0].body).toBe('')
    expect(await refusalOf(guardedFetch(`${idp.origin}/huge`, {}, policy))).toBe('size')
    expect(await refusalOf(guardedFetch(`${idp.origin}/silent`, {}, policy))).toBe('timeout')
  })
})
