import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { CliError, EXIT } from './errors.mjs'
import { resolveServer } from './server.mjs'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

// Each command's module loads when it runs: start-up pays for the one in use only.
const run =
  (module, name) =>
  async (context, ...args) =>
    (await import(`./commands/${module}.mjs`))[name](context, ...args)
const login = run('login', 'login')
const logout = run('logout', 'logout')
const whoami = run('whoami', 'whoami')
const apiKeys = {
  list: run('api-keys', 'listApiKeys'),
  create: run('api-keys', 'createApiKey'),
  revoke: run('api-keys', 'revokeApiKey'),
}
const collect = (value, previous = []) => [...previous, value]

/** The command line, parsed by commander; `io` lets tests (and nothing else) catch what it prints. */
export function buildProgram({ env = process.env, io = { out: console.log } } = {}) {
  const program = new Command('gatehouse')
    .description('Gatehouse from the terminal: sign in, API keys, secrets, and running commands with them.')
    .version(version, '-v, --version')
    .option('--server <url>', 'the Gatehouse server (default: GATEHOUSE_SERVER, the last login, APP_URL)')
    .option('--api-key <key>', 'use this API key (default: GATEHOUSE_API_KEY, then the stored sign-in)')
    .option('--json', 'print one JSON document')
    .showHelpAfterError()
    .exitOverride()
  const context = (command) => {
    const options = command.optsWithGlobals()
    return {
      env,
      server: resolveServer(options.server, env),
      apiKey: options.apiKey,
      json: Boolean(options.json),
      out: io.out,
    }
  }
  program
    .command('login')
    .description('sign in with your e-mail and password (asks on a terminal), or store an API key')
    .option('--email <email>', 'the e-mail address of your account')
    .option('--password-stdin', 'read the password from standard input')
    .option('--totp <code>', 'a code from your authenticator app')
    .option('--recovery-code <code>', 'one of your recovery codes')
    .action((options, command) => login(context(command), { ...options, apiKey: command.optsWithGlobals().apiKey }))
  program
    .command('whoami')
    .description('show who you are signed in as, and where')
    .action((_options, command) => whoami(context(command)))
  program
    .command('logout')
    .description('end the sign-in on the server and forget it here')
    .action((_options, command) => logout(context(command)))
  const keys = program.command('api-keys').description('list, create and revoke API keys')
  keys
    .command('list')
    .description('your API keys (never the keys themselves)')
    .action((_options, command) => apiKeys.list(context(command)))
  keys
    .command('create')
    .description('create a key and print it, once')
    .argument('<name>', 'what the key is for')
    .requiredOption('--scope <permission>', 'a permission the key has (repeat for more), such as secret:read', collect)
    .option('--org <org>', 'the organization (id or slug; default: your primary one)')
    .option('--expires <when>', 'when it stops working: 30d, 12h, 2w or a date')
    .action((name, options, command) => apiKeys.create(context(command), name, options))
  keys
    .command('revoke')
    .description('revoke a key; it stops working at once')
    .argument('<id>', "the key's id (from api-keys list)")
    .action((id, _options, command) => apiKeys.revoke(context(command), id))
  return program
}

/** Runs the CLI and answers its exit code; failures are one line on stderr, never a stack trace. */
export async function main(argv, { env = process.env, io } = {}) {
  try {
    await buildProgram({ env, io }).parseAsync(argv)
    return 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.usage
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message} (${error.code})\n`)
      return error.exitCode
    }
    process.stderr.write(`error: ${error?.message ?? error} (internal)\n`)
    return EXIT.failure
  }
}
