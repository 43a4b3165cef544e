/**
 * The test IdP is what the SSO tests trust to behave like a real OpenID Provider: if its discovery,
 * code exchange or ID tokens were off, the relying party's checks would be tested against the wrong
 * thing. These tests drive it the way Gatehouse will (code flow, PKCE, client_secret_basic) and
 * check its hooks for forging tokens and discovery documents. It listens on 127.0.0.1 only.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestIdp, type TestIdp } from './oidc-idp'

const CLIENT = {
  client_id: 'gatehouse',
  client_secret: 'test-client-secret',
  redirect_uris: ['http://127.0.0.1:9/callback'],
}
const REDIRECT_URI = CLIENT.redirect_uris[0]

describe('startTestIdp', () => {
  let idp: TestIdp
  let discovery: Record<string, string>

  beforeAll(async () => {
    idp = await startTestIdp({
      clients: [CLIENT],
      accounts: { alice: { sub: 'alice-sub', email: 'alice@example.com', email_verified: true, name: 'Alice' } },
    })
    discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()
  })
  afterAll(() => idp.close())

  /** An authorization request as a relying party builds it, with its PKCE verifier. */
  function authorizationRequest(extra: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url')
    const state = randomBytes(16).toString('base64url')
    const nonce = randomBytes(16).toString('base64url')
    const url = new URL(discovery.authorization_endpoint)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.client_id,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...extra,
    }).toString()
    return { url: url.href, verifier, state, nonce }
  }

  async function exchange(code: string, verifier: string) {
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      }),
    })
    return { status: response.status, body: await response.json() }
  }

  /** A whole sign-in as `login`: the tokens the token endpoint returned. */
  async function signIn(login: string) {
    const request = authorizationRequest()
    const location = new URL(await idp.authorize(request.url, login))
    const tokens = await exchange(location.searchParams.get('code') ?? '', request.verifier)
    expect(tokens.status).toBe(200)
    return { ...request, tokens: tokens.body as { id_token: string; access_token: string } }
  }

  it('publishes a discovery document naming exactly its issuer', () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      userinfo_endpoint: `${idp.issuer}/me`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    })
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']))
  })

  it('signs in through the code flow with PKCE and issues a verifiable ID token with the claims', async () => {
    const request = authorizationRequest()
    const location = new URL(await idp.authorize(request.url, 'alice'))
    expect(location.href.startsWith(`${REDIRECT_URI}?`)).toBe(true)
    expect(location.searchParams.get('state')).toBe(request.state)
    expect(location.searchParams.get('iss')).toBe(idp.issuer)
    const code = location.searchParams.get('code')
    expect(code).toBeTruthy()

    const { status, body } = await exchange(code!, request.verifier)
    expect(status).toBe(200)
    const { payload, protectedHeader } = await jwtVerify(
      body.id_token,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      {
        issuer: idp.issuer,
        audience: CLIENT.client_id,
      },
    )
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: idp.signingKey.kid })
    expect(payload).toMatchObject({
      iss: idp.issuer,
      aud: CLIENT.client_id,
      nonce: request.nonce,
      sub: 'alice-sub',
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice',
    })

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${body.access_token}` },
    })
    expect(await userinfo.json()).toEqual({
      sub: 'alice-sub',
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice',
    })

    // A code is good once, and only with its verifier.
    expect((await exchange(code!, request.verifier)).body.error).toBe('invalid_grant')
  })

  it('refuses a code without the PKCE verifier it was issued for', async () => {
    const request = authorizationRequest()
    const code = new URL(await idp.authorize(request.url, 'alice')).searchParams.get('code')!
    expect((await exchange(code, randomBytes(32).toString('base64url'))).body.error).toBe('invalid_grant')
  })

  it('authenticates the client with client_secret_basic only', async () => {
    const request = authorizationRequest()
    const code = new URL(await idp.authorize(request.url, 'alice')).searchParams.get('code')!
    const asPost = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: request.verifier,
        client_id: CLIENT.client_id,
        client_secret: CLIENT.client_secret,
      }),
    })
    expect(asPost.status).toBe(401)
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic'])
    const wrongSecret = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT.client_id}:wrong`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: request.verifier,
      }),
    })
    expect(wrongSecret.status).toBe(401)
    expect((await wrongSecret.json()).error).toBe('invalid_client')
  })

  it('sends a request without PKCE back to the redirect URI with an error', async () => {
    const request = authorizationRequest()
    const url = new URL(request.url)
    url.searchParams.delete('code_challenge')
    url.searchParams.delete('code_challenge_method')
    const location = new URL(await idp.authorize(url.href, 'alice'))
    expect(location.href.startsWith(`${REDIRECT_URI}?`)).toBe(true)
    expect(location.searchParams.get('error')).toBe('invalid_request')
    expect(location.searchParams.get('state')).toBe(request.state)
  })

  it('rejects an unknown login', async () => {
    await expect(idp.authorize(authorizationRequest().url, 'mallory')).rejects.toThrow(/Unknown login "mallory"/)
  })

  it('shows an account change at the next sign-in, for the same sub', async () => {
    idp.accounts.set('bob', { sub: 'bob-sub', email: 'bob@example.com', email_verified: false })
    const first = decodeJwt((await signIn('bob')).tokens.id_token)
    expect(first).toMatchObject({ sub: 'bob-sub', email: 'bob@example.com', email_verified: false })
    expect(first.name).toBeUndefined()

    idp.accounts.set('bob', { sub: 'bob-sub', email: 'robert@example.com', email_verified: true })
    const second = decodeJwt((await signIn('bob')).tokens.id_token)
    expect(second).toMatchObject({ sub: 'bob-sub', email: 'robert@example.com', email_verified: true })
  })

  it('passes ID tokens through tamperIdToken, which can re-sign with the genuine key', async () => {
    idp.tamperIdToken = async (idToken) =>
      new SignJWT({ ...decodeJwt(idToken), nonce: 'forged' })
        .setProtectedHeader({ alg: idp.signingKey.alg, kid: idp.signingKey.kid })
        .sign(idp.signingKey.privateKey)
    try {
      const { tokens } = await signIn('alice')
      const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
        issuer: idp.issuer,
        audience: CLIENT.client_id,
      })
      expect(payload).toMatchObject({ nonce: 'forged', sub: 'alice-sub' })
    } finally {
      idp.tamperIdToken = undefined
    }
    const { tokens, nonce } = await signIn('alice')
    expect(decodeJwt(tokens.id_token).nonce).toBe(nonce)
  })

  it('overrides discovery fields with discoveryOverride until it is reset', async () => {
    const document = async () => (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()
    idp.discoveryOverride = { token_endpoint: 'http://169.254.169.254/token', issuer: 'https://elsewhere.example' }
    try {
      expect(await document()).toMatchObject({
        token_endpoint: 'http://169.254.169.254/token',
        issuer: 'https://elsewhere.example',
        jwks_uri: `${idp.issuer}/jwks`,
      })
    } finally {
      idp.discoveryOverride = undefined
    }
    expect(await document()).toEqual(discovery)
  })

  it('serves a labelled sign-in page that needs no other origin', async () => {
    const response = await fetch(authorizationRequest().url, { redirect: 'manual' })
    const interaction = new URL(response.headers.get('location')!, idp.issuer)
    expect(interaction.pathname).toMatch(/^\/interaction\/[\w-]+$/)
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ')
    const html = await (await fetch(interaction, { headers: { cookie } })).text()
    expect(html).toContain('<title>Test IdP sign-in</title>')
    expect(html).toContain('<label for="login">Username</label>')
    expect(html).toMatch(/<input id="login" name="login"/)
    expect(html).toContain('<button type="submit">Sign in</button>')
    expect(html).not.toMatch(/https?:\/\//)
  })
})
