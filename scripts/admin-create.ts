/**
 * `npm run admin:create -- --email E [--name N]` and `gatehouse admin create`: an instance admin,
 * made on the server itself against DATABASE_URL / DATA_DIR. The password is read from standard
 * input, or asked twice on a terminal; never from the command line, where `ps` would show it.
 */
import { parseArgs } from 'node:util'
import { askHidden, isInteractive, readStdin } from '@/cli/prompts.mjs'
import { AppError } from '@/lib/errors'
import { bootLocal } from '@/lib/runtime/boot-local'
import { createInstanceAdmin } from '@/lib/users/create-instance-admin'
import { emailSchema, nameSchema } from '@/lib/users/schemas'

function fail(message: string, code = 2): never {
  console.error(message)
  process.exit(code)
}

async function readPassword(): Promise<string> {
  if (!isInteractive()) return readStdin()
  const first = await askHidden('Password for the new admin:')
  const again = await askHidden('The same password again:')
  if (first !== again) fail('The two passwords differ; nothing was created.')
  return first
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } })
  if (!values.email) fail('--email is required: the new admin signs in with it')
  const email = emailSchema.safeParse(values.email)
  if (!email.success) fail(`--email: ${email.error.issues[0].message}`)
  const name = nameSchema.safeParse(values.name ?? email.data.split('@')[0])
  if (!name.success) fail(`--name: ${name.error.issues[0].message}`)
  const password = await readPassword()
  const runtime = await bootLocal()
  try {
    const { user, first } = await createInstanceAdmin(runtime, { email: email.data, name: name.data, password })
    console.log(
      first
        ? `Created ${user.email}, the first admin and owner of the default organization. Sign in at ${runtime.config.appUrl}/login.`
        : `Created ${user.email} as an instance admin. Sign in at ${runtime.config.appUrl}/login.`,
    )
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const fields = error.errors?.map((field) => field.message).join(' ') ?? ''
    console.error(`Nothing was created: ${error.detail}${fields ? `. ${fields}` : ''} (${error.code})`)
    process.exitCode = 1
  } finally {
    await runtime.database.close()
  }
}

main().catch((error: unknown) => {
  console.error(`Could not create the admin: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
