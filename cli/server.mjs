import { readCredentials } from './credentials.mjs'
import { usage } from './errors.mjs'

/** `--server` > GATEHOUSE_SERVER > the server of the last login > APP_URL > http://localhost:3000 (SPEC §10). */
export function resolveServer(flag, env) {
  const chosen =
    flag || env.GATEHOUSE_SERVER || readCredentials(env).last_server || env.APP_URL || 'http://localhost:3000'
  if (!URL.canParse(chosen) || !/^https?:$/.test(new URL(chosen).protocol))
    throw usage(`the server must be an http(s) URL, not ${JSON.stringify(chosen)}`)
  return new URL(chosen).origin
}
