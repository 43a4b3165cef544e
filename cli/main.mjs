import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
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
const secrets = {
  list: run('secrets', 'listSecrets'),
  get: run('secrets', 'getSecret'),
  set: run('secrets', 'setSecret'),
  delete: run('secrets', 'deleteSecret'),
  export: run('secrets', 'exportSecrets'),
  run: run('run', 'runWithSecrets'),
}
const audit = { verify: run('audit', 'auditVerify'), checkpoint: run('audit', 'auditCheckpoint') }
const doctor = run('doctor', 'doctor')
const keys = {
  rotate: run('keys', 'rotateKeys'),
  rotateSigning: run('keys', 'rotateSigningKey'),
  generate: run('keys', 'generateKeys'),
  storeS3Secret: run('keys', 'storeS3Secret'),
}
const adminCreate = run('admin', 'adminCreate')
const serve = run('serve', 'serve')
const init = run('init', 'init')
const completion = run('completion', 'completion')
const collect = (value, previous = []) => [...previous, value]
const orgOption = ['--org <org>', 'the organization, by id or slug (default: your primary one, or the API key’s)']

function wholeNumber(name, { min = 1, max }) {
  return (value) => {
    const number = Number(value)
    if (!/^\d+$/.test(value) || number < min || number > max)
      throw new InvalidArgumentError(`${name} takes a whole number from ${min} to ${max}`)
    return value
  }
}

/** Commander's own errors in the CLI's one-line shape: `error: unknown command 'x'; did you mean y? (usage)`. */
function usageLine(text) {
  const [head, ...hints] = text.trim().split(/\n+/)
  const hint = hints.map((line) => line.replace(/^\((.*)\)$/, '$1')).join(' ')
  return `${head}${hint ? `; ${hint[0].toLowerCase()}${hint.slice(1)}` : ''} (usage)\n`
}

/** The command line, parsed by commander; `io` lets tests (and nothing else) catch what it prints. */
export function buildProgram({ env = process.env, io = { out: console.log }, status = { code: 0 } } = {}) {
  const program = new Command('gatehouse')
    .description('Gatehouse from the terminal: sign in, API keys, secrets, and running commands with them.')
    .version(version, '-v, --version')
    .option('--server <url>', 'the Gatehouse server (default: GATEHOUSE_SERVER, the last login, APP_URL)')
    .option('--api-key <key>', 'use this API key (default: GATEHOUSE_API_KEY, then the stored sign-in)')
    .option('--json', 'print one JSON document')
    // Options belong to the command they follow (so that `secrets get --version 2` is not the
    // CLI's own --version, and `secrets run CMD --flag` leaves --flag to CMD); each command that
    // calls the server takes the shared options again, after its name.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(usageLine(text)) })
  const exit = (code) => {
    status.code = code
  }
  const context = (command) => {
    const options = command.optsWithGlobals()
    return {
      env,
      server: resolveServer(options.server, env),
      apiKey: options.apiKey,
      json: Boolean(options.json),
      out: io.out,
      exit,
    }
  }
  /** A command that calls the server: the shared options are its own too. */
  const remote = (parent, name) =>
    parent
      .command(name)
      .option('--server <url>', 'the Gatehouse server')
      .option('--api-key <key>', 'use this API key')
      .option('--json', 'print one JSON document')
  /** For commands that work on this machine and call no server. */
  const local = () => ({ env, json: false, out: io.out, exit })
  const examples = (command, lines) =>
    command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`)

  examples(
    remote(program, 'login')
      .description('sign in with your e-mail and password (asks on a terminal), or store an API key')
      .option('--email <email>', 'the e-mail address of your account')
      .option('--password-stdin', 'read the password from standard input')
      .option('--totp <code>', 'a code from your authenticator app')
      .option('--recovery-code <code>', 'one of your recovery codes')
      .action((options, command) => login(context(command), { ...options, apiKey: command.optsWithGlobals().apiKey })),
    [
      'gatehouse login --server https://gatehouse.example.com',
      'gatehouse login --email ada@example.com --password-stdin < password.txt',
      'gatehouse login --api-key gk_…',
    ],
  )
  remote(program, 'whoami')
    .description('show who you are signed in as, and where')
    .action((_options, command) => whoami(context(command)))
  remote(program, 'logout')
    .description('end the sign-in on the server and forget it here')
    .action((_options, command) => logout(context(command)))

  const keysCommand = program.command('api-keys').description('list, create and revoke API keys')
  remote(keysCommand, 'list')
    .description('your API keys (never the keys themselves)')
    .action((_options, command) => apiKeys.list(context(command)))
  examples(
    remote(keysCommand, 'create')
      .description('create a key and print it, once')
      .argument('<name>', 'what the key is for')
      .requiredOption(
        '--scope <permission>',
        'a permission the key has (repeat for more), such as secret:read',
        collect,
      )
      .option(...orgOption)
      .option('--expires <when>', 'when it stops working: 30d, 12h, 2w or a date')
      .action((name, options, command) => apiKeys.create(context(command), name, options)),
    ['export GATEHOUSE_API_KEY=$(gatehouse api-keys create deploy --scope secret:read --expires 30d)'],
  )
  remote(keysCommand, 'revoke')
    .description('revoke a key; it stops working at once')
    .argument('<id>', "the key's id (from api-keys list)")
    .action((id, _options, command) => apiKeys.revoke(context(command), id))

  const secretsCommand = program
    .command('secrets')
    .description("an organization's secrets, and running commands with them")
    .enablePositionalOptions()
  remote(secretsCommand, 'list')
    .description('names and versions, never values')
    .option(...orgOption)
    .action((options, command) => secrets.list(context(command), options))
  remote(secretsCommand, 'get')
    .description('print one value, bare')
    .argument('<name>', 'the secret, such as DATABASE_URL')
    .option('--version <n>', 'an older version', wholeNumber('--version', { max: 2_147_483_647 }))
    .option(...orgOption)
    .action((name, options, command) => secrets.get(context(command), name, options))
  examples(
    remote(secretsCommand, 'set')
      .description('save a new version (asks for the value on a terminal when it is not given)')
      .argument('<name>', 'the secret, such as DATABASE_URL')
      .argument('[value]', 'the value (better: --stdin, which keeps it out of your shell history)')
      .option('--stdin', 'read the value from standard input, as it is (several lines too)')
      .option('--note <text>', 'why it changed, kept with the version')
      .option(...orgOption)
      .action((name, value, options, command) => secrets.set(context(command), name, value, options)),
    ['gatehouse secrets set TLS_KEY --stdin < key.pem', 'gatehouse secrets set LOG_LEVEL debug'],
  )
  remote(secretsCommand, 'delete')
    .description('delete a secret and all its versions')
    .argument('<name>', 'the secret')
    .option(...orgOption)
    .action((name, options, command) => secrets.delete(context(command), name, options))
  remote(secretsCommand, 'export')
    .description('every newest value, as dotenv or JSON')
    .option('--format <format>', 'dotenv or json (default: dotenv, or json with --json)')
    .option(...orgOption)
    .action((options, command) => secrets.export(context(command), options))
  examples(
    remote(secretsCommand, 'run')
      .description("run a command with the organization's secrets in its environment")
      .argument('<command...>', 'the command and its arguments (-- before them is optional)')
      .option(...orgOption)
      .option('--watch', 'restart the command when a secret changes')
      .option(
        '--interval <seconds>',
        'how often --watch checks',
        wholeNumber('--interval', { min: 2, max: 3600 }),
        '15',
      )
      .option('--no-mask', 'leave secret values in the output (masked when it is not a terminal)')
      .passThroughOptions()
      .action((commandLine, options, command) =>
        secrets
          .run(context(command), commandLine, { ...options, intervalMs: Number(options.interval) * 1000 })
          .then(exit),
      ),
    ['gatehouse secrets run -- npm start', 'gatehouse secrets run --org payments --watch -- ./server'],
  )

  const auditCommand = program.command('audit').description('check that the audit log is whole (instance admins)')
  examples(
    remote(auditCommand, 'verify')
      .description('walk the hash chain; exits 1 when it is broken')
      .option('--checkpoint <file>', 'a file from audit checkpoint: also prove nothing up to it was cut off')
      .action((options, command) => audit.verify(context(command), options)),
    ['gatehouse audit checkpoint > checkpoint.json', 'gatehouse audit verify --checkpoint checkpoint.json'],
  )
  remote(auditCommand, 'checkpoint')
    .description('print the signed head of the log, to keep somewhere else')
    .action((_options, command) => audit.checkpoint(context(command)))

  remote(program, 'doctor')
    .description('the live security checklist (instance admins); exits 1 when an item fails')
    .action((_options, command) => doctor(context(command)))

  const keysLocal = program.command('keys').description('keys: rotate the master key on this server, or make new ones')
  keysLocal
    .command('rotate')
    .description('re-seal everything with GATEHOUSE_MASTER_KEY (on the server, as npm run keys:rotate)')
    .option('--batch-size <n>', 'rows a transaction', wholeNumber('--batch-size', { max: 10_000 }), '100')
    .action((options) => keys.rotate(local(), options))
  keysLocal
    .command('rotate-signing')
    .description(
      'make a new key sign tokens; the old one verifies until its tokens expire (as npm run keys:rotate-signing)',
    )
    .action(() => keys.rotateSigning(local()))
  keysLocal
    .command('store-s3-secret')
    .description('seal S3_SECRET_ACCESS_KEY into the database, read from standard input (as npm run s3:store-secret)')
    .action(() => keys.storeS3Secret(local()))
  examples(
    keysLocal
      .command('generate')
      .description('print variable lines with a new key: master, vapid or jwt')
      .argument('<kind>', 'master, vapid or jwt')
      .option('--algorithm <alg>', 'for jwt: ES256, RS256, EdDSA or HS256', 'ES256')
      .option('--out <dir>', 'for jwt: where the PEM files go', '.')
      .action((kind, options) => keys.generate(local(), kind, options)),
    ['gatehouse keys generate master >> .env', 'gatehouse keys generate jwt --algorithm EdDSA --out /etc/gatehouse'],
  )

  const adminCommand = program.command('admin').description('administration on the server itself')
  adminCommand
    .command('create')
    .description('create an instance admin against DATABASE_URL / DATA_DIR (as npm run admin:create)')
    .requiredOption('--email <email>', 'the new admin’s e-mail address')
    .option('--name <name>', 'their name (default: the e-mail’s local part)')
    .option('--password-stdin', 'read the password from standard input (else it is asked, twice)')
    .action((options) => adminCreate(local(), options))

  examples(
    program
      .command('serve')
      .description('start the server, as npm start does; flags win over the environment and gatehouse.toml')
      .option('--port <port>', 'PORT')
      .option('--bind <host>', 'BIND_HOST, the address to listen on')
      .option('--app-url <url>', 'APP_URL, the public origin')
      .option('--data-dir <dir>', 'DATA_DIR')
      .option('--database-url <url>', 'DATABASE_URL, without a password (set that in the environment)')
      .option('--log-level <level>', 'LOG_LEVEL')
      .action((options) => serve(local(), options)),
    ['gatehouse serve --port 8080 --app-url https://gatehouse.example.com'],
  )
  program
    .command('init')
    .description('write gatehouse.toml with new secrets (asks for the URL and database on a terminal)')
    .option('--app-url <url>', 'APP_URL, the public origin')
    .option('--database-url <url>', 'a PostgreSQL URL (default: the embedded database)')
    .option('--data-dir <dir>', 'DATA_DIR', undefined)
    .option('--file <path>', 'where to write it (default: ./gatehouse.toml)')
    .action((options) => init(local(), options))
  examples(
    program
      .command('completion')
      .description('print a shell completion script')
      .argument('<shell>', 'bash, zsh or fish')
      .action((shell) => completion(local(), shell, program)),
    ['eval "$(gatehouse completion bash)"', 'gatehouse completion fish > ~/.config/fish/completions/gatehouse.fish'],
  )
  return program
}

/** Runs the CLI and answers its exit code; failures are one line on stderr, never a stack trace. */
export async function main(argv, { env = process.env, io } = {}) {
  const status = { code: 0 }
  try {
    await buildProgram({ env, io, status }).parseAsync(argv)
    return status.code
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
