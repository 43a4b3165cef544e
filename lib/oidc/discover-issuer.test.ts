/**
 * Saving an identity provider fetches its discovery document and refuses one that would make
 * Gatehouse call or send users somewhere it should not: a forged issuer, missing endpoints, or a
 * token or JWKS endpoint on an internal address or over http. Each refusal is a 422 that names why.
 * The stand-in serves documents on 127.0.0.1, trusted as OIDC_TRUSTED_ISSUERS would trust it.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAppError } from '@/lib/errors'
import { discoverIssuer } from './discover-issuer'

describe('discoverIssuer', () => {
  let server: Server
  let origin = ''
  const documents: Record<string, (issuer: string) => unknown> = {
    good: (issuer) => ({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      userinfo_endpoint: `${issuer}/me`,
      extra: 'ignored',
    }),
    mismatch: () => ({ issuer: 'https://idp.example.com', authorization_endpoint: 'https://idp.example.com/a' }),
    'no-token': (issuer) => ({ issuer, authorization_endpoint: `${issuer}/auth`, jwks_uri: `${issuer}/jwks` }),
    'private-token': (issuer) => ({ ...(documents.good(issuer) as object), token_endpoint: 'https://10.0.0.8/token' }),
    'metadata-jwks': (issuer) => ({ ...(documents.good(issuer) as object), jwks_uri: 'https://169.254.169.254/jwks' }),
    'http-userinfo': (issuer) => ({
      ...(documents.good(issuer) as object),
      userinfo_endpoint: 'http://idp.example.com/me',
    }),
    'bad-url': (issuer) => ({ ...(documents.good(issuer) as object), token_endpoint: 'not a url' }),
    array: () => [1, 2],
  }

  beforeAll(async () => {
    server = createServer((request, response) => {
      const name = /^\/([^/]+)\/\.well-known\/openid-configuration$/.exec(request.url ?? '')?.[1] ?? ''
      if (name === 'html') return response.end('<html>login</html>')
      const document = documents[name]
      if (!document) return response.writeHead(404).end()
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(document(`${origin}/${name}`)))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => server.close())

  const policy = () => ({ trustedOrigins: [origin] })
  const refusal = (issuer: string) =>
    discoverIssuer(issuer, policy()).then(
      () => 'accepted',
      (error) => (isAppError(error) && error.status === 422 ? error.errors?.[0]?.message : `unexpected ${error}`),
    )

  it('keeps the endpoints of a good document', async () => {
    expect(await discoverIssuer(`${origin}/good`, policy())).toMatchObject({
      issuer: `${origin}/good`,
      token_endpoint: `${origin}/good/token`,
      jwks_uri: `${origin}/good/jwks`,
    })
  })

  it.each([
    ['mismatch', 'names its issuer https://idp.example.com'],
    ['no-token', 'has no token_endpoint'],
    ['private-token', 'token_endpoint: 10.0.0.8 is not a public address'],
    ['metadata-jwks', 'jwks_uri: 169.254.169.254 is not a public address'],
    ['http-userinfo', 'userinfo_endpoint: http://idp.example.com is not https://'],
    ['bad-url', 'token_endpoint is not a URL'],
    ['array', 'not a JSON object'],
    ['html', 'did not answer with JSON'],
    ['missing', 'answered 404'],
  ])('refuses the %s document: "%s"', async (name, message) => {
    expect(await refusal(`${origin}/${name}`)).toContain(message)
  })

  it('refuses an issuer on 127.0.0.1 that is not trusted, before calling it', async () => {
    const answer = await discoverIssuer(`${origin}/good`, { trustedOrigins: [] }).catch((error) => error)
    expect(answer.status).toBe(422)
    expect(answer.errors[0]).toMatchObject({ path: 'issuer' })
    expect(answer.errors[0].message).toContain('is not https://')
    expect(await discoverIssuer('ftp://idp.example.com', policy()).catch((error) => error.errors[0].message)).toContain(
      'must be an https:// URL',
    )
  })
})
