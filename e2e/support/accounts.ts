import { type APIRequestContext, expect } from '@playwright/test'
import { serverInfo } from './servers'

export interface Account {
  email: string
  password: string
  name: string
}

/** Registers the account through the API and returns an access token for setting things up. */
export async function registerWithToken(request: APIRequestContext, account: Account): Promise<string> {
  expect((await request.post('/api/v1/auth/register', { data: account })).status()).toBe(201)
  const response = await request.post('/api/v1/auth/token', {
    data: { email: account.email, password: account.password },
  })
  expect(response.status()).toBe(200)
  return (await response.json()).access_token
}

/** A new organization owned by the token's user. */
export async function createOrg(
  request: APIRequestContext,
  token: string,
  name: string,
): Promise<{ id: string; slug: string }> {
  const response = await request.post('/api/v1/orgs', { headers: { authorization: `Bearer ${token}` }, data: { name } })
  expect(response.status()).toBe(201)
  return response.json()
}

/** Bearer headers for the console instance's headless administrator. */
export async function consoleAdminHeaders(request: APIRequestContext): Promise<{ authorization: string }> {
  const { admin } = serverInfo('console')
  const response = await request.post('/api/v1/auth/token', {
    data: { email: admin!.email, password: admin!.password },
  })
  expect(response.status()).toBe(200)
  return { authorization: `Bearer ${(await response.json()).access_token}` }
}
