import { runLocalScript } from '../local-script.mjs'
import { readStdin } from '../prompts.mjs'

/** `gatehouse admin create`: scripts/admin-create.ts, the program `npm run admin:create` runs. */
export async function adminCreate(context, options) {
  const args = ['--email', options.email, ...(options.name ? ['--name', options.name] : [])]
  // The password reaches the program on its standard input, never in its arguments.
  const input = options.passwordStdin ? await readStdin() : undefined
  context.exit(await runLocalScript('admin-create.ts', args, { input }))
}
