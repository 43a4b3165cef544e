import 'server-only'
import { cookies } from 'next/headers'
import type { Config } from '@/lib/config/schema'
import { CEREMONY_TTL_SECONDS } from './challenges'

// The id of the passkey ceremony this browser began: its answer is checked against that
// challenge only. SameSite=Strict, as only our own pages post the answer.
const cookieName = (config: Pick<Config, 'isHttps'>) =>
  config.isHttps ? '__Host-gatehouse.webauthn' : 'gatehouse.webauthn'

export async function setCeremonyCookie(config: Pick<Config, 'isHttps'>, ceremonyId: string): Promise<void> {
  ;(await cookies()).set(cookieName(config), ceremonyId, {
    httpOnly: true,
    secure: config.isHttps,
    sameSite: 'strict',
    path: '/',
    maxAge: CEREMONY_TTL_SECONDS,
  })
}

/** The ceremony id, removed from the browser as it is read: one answer per ceremony. */
export async function takeCeremonyCookie(config: Pick<Config, 'isHttps'>): Promise<string | undefined> {
  const jar = await cookies()
  const ceremonyId = jar.get(cookieName(config))?.value
  if (ceremonyId) jar.delete({ name: cookieName(config), path: '/', secure: config.isHttps })
  return ceremonyId
}
