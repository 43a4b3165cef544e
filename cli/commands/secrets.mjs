import { usage } from '../errors.mjs'
import { listAll } from '../http.mjs'
import { orgOf } from '../org.mjs'
import { askHidden, isInteractive, readStdin } from '../prompts.mjs'
import { callAsUser } from '../session.mjs'

export const secretsPath = (org, rest = '') => `/api/v1/orgs/${encodeURIComponent(org)}/secrets${rest}`
const secretPath = (org, name) => secretsPath(org, `/${encodeURIComponent(name)}`)

export async function listSecrets(context, options) {
  const org = await orgOf(context, options.org)
  const items = await listAll((path) => callAsUser(context, path), secretsPath(org))
  if (context.json) return context.out(JSON.stringify(items))
  if (!items.length) return context.out('No secrets.')
  const rows = items.map((secret) => [secret.name, `v${secret.version}`, secret.updated_at].join('\t'))
  context.out(['NAME\tVERSION\tUPDATED', ...rows].join('\n'))
}

/** The bare value on stdout, as stored: `$(gatehouse secrets get NAME)` and `> file` both get it exactly. */
export async function getSecret(context, name, options) {
  const org = await orgOf(context, options.org)
  const version = options.version === undefined ? '' : `?version=${encodeURIComponent(options.version)}`
  const secret = await callAsUser(context, `${secretPath(org, name)}${version}`)
  if (context.json) return context.out(JSON.stringify(secret))
  process.stdout.write(secret.value)
  if (process.stdout.isTTY && !secret.value.endsWith('\n')) process.stdout.write('\n')
}

/** The value from the argument, standard input (`--stdin`, multi-line as it is), or a hidden prompt. */
async function valueFrom(value, options) {
  if (value !== undefined && options.stdin) throw usage('give the value as an argument or with --stdin, not both')
  if (value !== undefined) return value
  if (options.stdin) return readStdin()
  if (isInteractive()) return askHidden('Value:')
  throw usage('no value: give it as an argument, or pipe it in with --stdin')
}

export async function setSecret(context, name, value, options) {
  const org = await orgOf(context, options.org)
  const body = { value: await valueFrom(value, options), ...(options.note ? { note: options.note } : {}) }
  const saved = await callAsUser(context, secretPath(org, name), { method: 'PUT', body })
  if (context.json) return context.out(JSON.stringify(saved))
  context.out(`Saved ${saved.name}, version ${saved.version}.`)
}

export async function deleteSecret(context, name, options) {
  const org = await orgOf(context, options.org)
  await callAsUser(context, secretPath(org, name), { method: 'DELETE' })
  context.out(`Deleted ${name} and all its versions.`)
}

export async function exportSecrets(context, options) {
  const format = options.format ?? (context.json ? 'json' : 'dotenv')
  if (!['dotenv', 'json'].includes(format)) throw usage(`--format takes dotenv or json, not ${JSON.stringify(format)}`)
  const org = await orgOf(context, options.org)
  const text = await callAsUser(context, secretsPath(org, `/export?format=${format}`), { text: true })
  process.stdout.write(text.endsWith('\n') || !text ? text : `${text}\n`)
}
