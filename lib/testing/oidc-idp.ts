import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'

/**
 * A real OpenID Provider for tests (oidc-provider, the certified implementation), on 127.0.0.1
 * only: authorization code flow with PKCE (S256) required, static confidential clients
 * (client_secret_basic), scopes `openid email profile`, RS256 ID tokens that carry the scope's
 * claims themselves. Its own sign-in page (a username, no password) stands in for the IdP's UI;
 * consent is granted automatically. Every authorization request starts without an IdP session, so
 * every sign-in shows that page, in a browser as with `authorize`. Tests can forge ID tokens
 * (`tamperIdToken`) and the discovery document (`discoveryOverride`).
 *
 * No imports from the app (nor 'server-only'): vitest and Playwright both load this file.
 */

export interface IdpAccount {
  sub: string
  email?: string
  email_verified?: boolean
  name?: string
}

export interface IdpClient {
  client_id: string
  client_secret: string
  redirect_uris: string[]
}

export interface TestIdp {
  /** e.g. http://127.0.0.1:PORT (no trailing slash); the discovery document is at `${issuer}/.well-known/openid-configuration` and names exactly this issuer */
  issuer: string
  /** accounts by login name; tests add/change them at any time (changing an account's email between sign-ins must be visible at the next sign-in) */
  accounts: Map<string, IdpAccount>
  /** When set, every ID token the token endpoint returns is passed through this before it leaves (lets tests forge tokens: re-sign with another key, alg none, change nonce/iss/aud). Reset to undefined to stop. */
  tamperIdToken?: (idToken: string) => string | Promise<string>
  /** The IdP's own private signing key (RS256) and its kid, so a test can re-sign a modified token with the genuine key */
  signingKey: { privateKey: CryptoKey; kid: string; alg: 'RS256' }
  /** Drives a whole authorization without a browser: GETs the authorization URL, follows the IdP's redirects with a cookie jar, logs in as `login` (an accounts key) on the interaction page, and returns the final redirect Location to the client's redirect_uri (with code and state, or error). Does NOT fetch that final URL. */
  authorize(authorizationUrl: string, login: string): Promise<string>
  /** Overrides what the discovery document returns for these fields (e.g. point token_endpoint at another host) — undefined restores the genuine document */
  discoveryOverride?: Record<string, unknown>
  close(): Promise<void>
}

// oidc-provider ships no type declarations; these are the parts used here.
interface KoaContext {
  path: string
  method: string
  status: number
  body: unknown
  type: string
  req: IncomingMessage
  res: ServerResponse
  set(field: string, value: string): void
  redirect(url: string): void
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>
interface GrantInstance {
  accountId: string
  clientId: string
  addOIDCScope(scope: string): void
  addOIDCClaims(claims: string[]): void
  save(): Promise<string>
}
interface OidcContext {
  client: { clientId: string }
  account?: { accountId: string }
  result?: { consent?: { grantId?: string } }
  session: { grantIdFor(clientId: string): string | undefined }
  requestParamClaims?: Set<string>
  provider: ProviderInstance
}
interface ProviderContext {
  oidc: OidcContext
}
interface ProviderInstance {
  callback(): (request: IncomingMessage, response: ServerResponse) => void
  use(middleware: Middleware): unknown
  interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<{ uid: string }>
  interactionResult(
    request: IncomingMessage,
    response: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<string>
  Grant: {
    new (properties: { accountId: string; clientId: string }): GrantInstance
    find(id: string): Promise<GrantInstance | undefined>
  }
}
interface OidcProviderModule {
  Provider: new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance
}

const SCOPE = 'openid email profile'
const CLAIMS = { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] }

let providerModule: Promise<OidcProviderModule> | undefined

/**
 * oidc-provider warns on import that Node 20 is not a supported runtime (it wants 22+); it works
 * on 20 for everything used here. That one notice is dropped, nothing else.
 */
function loadOidcProvider(): Promise<OidcProviderModule> {
  providerModule ??= (async () => {
    const warn = console.warn
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return
      warn(...args)
    }
    try {
      // @ts-expect-error -- oidc-provider 9 ships no type declarations (the interfaces above describe what is used)
      return (await import('oidc-provider')) as OidcProviderModule
    } finally {
      console.warn = warn
    }
  })()
  return providerModule
}

interface Stored {
  payload: Record<string, unknown>
  expiresAt: number
}

/** oidc-provider's storage, in memory and per instance (its own memory adapter is process-wide and warns). */
function memoryAdapter() {
  const store = new Map<string, Stored>()
  const live = (key: string) => {
    const entry = store.get(key)
    if (entry && entry.expiresAt <= Date.now()) {
      store.delete(key)
      return undefined
    }
    return entry
  }
  return (model: string) => {
    const key = (id: string) => `${model}:${id}`
    const findBy = (field: string, value: string) => {
      for (const [storedKey, entry] of store) {
        if (storedKey.startsWith(`${model}:`) && entry.payload[field] === value) return live(storedKey)?.payload
      }
      return undefined
    }
    return {
      async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
        store.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity })
      },
      async find(id: string) {
        return live(key(id))?.payload
      },
      async findByUid(uid: string) {
        return findBy('uid', uid)
      },
      async findByUserCode(userCode: string) {
        return findBy('userCode', userCode)
      },
      async consume(id: string) {
        const entry = live(key(id))
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
      },
      async destroy(id: string) {
        store.delete(key(id))
      },
      async revokeByGrantId(grantId: string) {
        for (const [storedKey, entry] of store) if (entry.payload.grantId === grantId) store.delete(storedKey)
      },
    }
  }
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  )

const unescapeHtml = (value: string) =>
  value.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '',
  )

/** A whole page, with nothing fetched from anywhere (oidc-provider's own pages load a web font). */
const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body>
</html>`

const errorPage = (message: string) =>
  page('Test IdP error', `<h1>Test IdP error</h1>\n<p id="error">${escapeHtml(message)}</p>`)

const loginPage = (uid: string) =>
  page(
    'Test IdP sign-in',
    `<h1>Test IdP sign-in</h1>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="login">Username</label>
<input id="login" name="login" autocomplete="username" autofocus required>
<button type="submit">Sign in</button>
</form>`,
  )

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of request) {
    body += chunk
    if (body.length > 16 * 1024) throw new Error('form too large')
  }
  return new URLSearchParams(body)
}

/** Cookies as a browser would keep them for one host: by name and path, dropped when expired. */
class CookieJar {
  #cookies = new Map<string, { name: string; value: string; path: string }>()

  store(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      let path = '/'
      let expired = value === ''
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.trim().split('=')
        const attributeValue = rest.join('=')
        if (key.toLowerCase() === 'path') path = attributeValue
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true
      }
      if (expired) this.#cookies.delete(`${name};${path}`)
      else this.#cookies.set(`${name};${path}`, { name, value, path })
    }
  }

  headerFor(url: URL): string {
    return [...this.#cookies.values()]
      .filter(({ path }) => url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ')
  }
}

export async function startTestIdp(options: {
  clients: IdpClient[]
  port?: number /* 0 = any free port */
  accounts?: Record<string, IdpAccount>
}): Promise<TestIdp> {
  const { Provider } = await loadOidcProvider()

  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined
  const server = createServer((request, response) => {
    if (handler) return handler(request, response)
    response.writeHead(503).end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `test-idp-${crypto.randomUUID()}`
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }

  const accounts = new Map(Object.entries(options.accounts ?? {}))
  const accountBySub = (sub: string) => [...accounts.values()].find((account) => account.sub === sub)

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: options.clients.map((client) => ({
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: client.redirect_uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [privateJwk] },
    cookies: {
      keys: ['gatehouse-test-idp-cookie-key-1', 'gatehouse-test-idp-cookie-key-2'],
    },
    scopes: ['openid', 'email', 'profile'],
    claims: CLAIMS,
    responseTypes: ['code'],
    // Otherwise oidc-provider takes client_secret_post from any client registered for client_secret_basic.
    clientAuthMethods: ['client_secret_basic'],
    pkce: { required: () => true },
    // The ID token carries the scopes' claims, so a relying party needs no userinfo call.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => {
          ctx.type = 'html'
          ctx.body = page(
            'Test IdP sign-out',
            `<h1>Sign out of the test IdP?</h1>\n${form}\n<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>`,
          )
        },
        postLogoutSuccessSource: async (ctx: KoaContext) => {
          ctx.type = 'html'
          ctx.body = page('Test IdP signed out', '<h1>Signed out of the test IdP</h1>')
        },
      },
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    // Consent is automatic: the grant always holds what the client asked for (of openid email profile).
    loadExistingGrant: async (ctx: ProviderContext) => {
      const { oidc } = ctx
      const accountId = oidc.account!.accountId
      const clientId = oidc.client.clientId
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId)
      let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined
      if (grant && (grant.accountId !== accountId || grant.clientId !== clientId)) grant = undefined
      grant ??= new oidc.provider.Grant({ accountId, clientId })
      grant.addOIDCScope(SCOPE)
      grant.addOIDCClaims([...Object.values(CLAIMS).flat(), ...(oidc.requestParamClaims ?? [])])
      await grant.save()
      return grant
    },
    findAccount: async (_ctx: unknown, id: string) => {
      if (!accountBySub(id)) return undefined
      return {
        accountId: id,
        // Read at the time the claims are asked for: a test's change shows at the next sign-in.
        claims: async () => {
          const account = accountBySub(id)
          return {
            sub: id,
            ...(account?.email === undefined ? {} : { email: account.email }),
            ...(account?.email_verified === undefined ? {} : { email_verified: account.email_verified }),
            ...(account?.name === undefined ? {} : { name: account.name }),
          }
        },
      }
    },
    renderError: async (ctx: KoaContext, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html'
      ctx.body = errorPage([out.error, out.error_description].filter(Boolean).join(': '))
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
  })

  const idp: TestIdp = {
    issuer,
    accounts,
    signingKey: { privateKey, kid, alg: 'RS256' },
    authorize: (authorizationUrl, login) => authorize(authorizationUrl, login),
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }

  provider.use(async (ctx, next) => {
    // No IdP session carries over between authorization requests: every one asks who signs in.
    if (ctx.path === '/auth' && ctx.req.headers.cookie) {
      ctx.req.headers.cookie = ctx.req.headers.cookie
        .split(';')
        .filter((cookie) => !cookie.trim().startsWith('_session'))
        .join(';')
    }

    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(ctx.path)
    if (interaction) return handleInteraction(ctx, decodeURIComponent(interaction[1]), Boolean(interaction[2]))

    await next()

    if (ctx.path === '/token' && ctx.status === 200 && idp.tamperIdToken) {
      const body = ctx.body as Record<string, unknown>
      if (typeof body?.id_token === 'string') ctx.body = { ...body, id_token: await idp.tamperIdToken(body.id_token) }
    }
    if (ctx.path === '/.well-known/openid-configuration' && ctx.status === 200 && idp.discoveryOverride) {
      ctx.body = { ...(ctx.body as Record<string, unknown>), ...idp.discoveryOverride }
    }
  })

  async function handleInteraction(ctx: KoaContext, uid: string, submit: boolean) {
    ctx.set('cache-control', 'no-store')
    const refuse = (message: string) => {
      ctx.status = 400
      ctx.type = 'html'
      ctx.body = errorPage(message)
    }
    let details: { uid: string }
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res)
    } catch {
      return refuse('This sign-in has expired or was not started here; start again from the application.')
    }
    if (details.uid !== uid) return refuse('This sign-in does not match the one in progress.')

    if (!submit) {
      if (ctx.method !== 'GET') return refuse('Method not allowed.')
      ctx.type = 'html'
      ctx.body = loginPage(uid)
      return
    }
    if (ctx.method !== 'POST') return refuse('Method not allowed.')
    const login = (await readForm(ctx.req)).get('login') ?? ''
    const account = accounts.get(login)
    if (!account) return refuse(`Unknown login "${login}".`)
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    )
    ctx.status = 303
    ctx.redirect(returnTo)
  }

  const redirectUris = options.clients.flatMap((client) => client.redirect_uris)
  const isRedirectUri = (location: URL) =>
    redirectUris.some((uri) => {
      const registered = new URL(uri)
      return registered.origin === location.origin && registered.pathname === location.pathname
    })

  async function authorize(authorizationUrl: string, login: string): Promise<string> {
    const jar = new CookieJar()
    let url = new URL(authorizationUrl)
    let method: 'GET' | 'POST' = 'GET'
    let body: URLSearchParams | undefined
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== issuer) throw new Error(`authorize: refusing to fetch ${url.href}, which is not on ${issuer}`)
      const headers: Record<string, string> = {}
      const cookie = jar.headerFor(url)
      if (cookie) headers.cookie = cookie
      const response = await fetch(url, { method, body, headers, redirect: 'manual' })
      jar.store(response.headers.getSetCookie())
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel()
        const next = new URL(location, url)
        if (isRedirectUri(next) || next.origin !== issuer) return next.href
        url = next
        method = 'GET'
        body = undefined
        continue
      }
      const text = await response.text()
      if (response.status === 200 && method === 'GET' && /^\/interaction\/[^/]+$/.test(url.pathname)) {
        url = new URL(`${url.pathname}/login`, url)
        method = 'POST'
        body = new URLSearchParams({ login })
        continue
      }
      const error = /<p id="error">([^<]*)<\/p>/.exec(text)?.[1]
      throw new Error(
        `authorize: the IdP answered ${method} ${url.pathname} with ${response.status}${error ? `: ${unescapeHtml(error)}` : ''}`,
      )
    }
    throw new Error('authorize: too many redirects')
  }

  handler = provider.callback()
  return idp
}
