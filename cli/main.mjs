import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { login } from './commands/login.mjs'
import { logout } from './commands/logout.mjs'
import { whoami } from './commands/whoami.mjs'
import { CliError, EXIT } from './errors.mjs'
import { resolveServer } from './server.mjs'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

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
