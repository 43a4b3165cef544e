import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CliError, EXIT } from '../errors.mjs'
import { runLocalScript } from '../local-script.mjs'

/** `gatehouse keys rotate`: scripts/keys-rotate.ts, the program `npm run keys:rotate` runs. */
export async function rotateKeys(context, options) {
  context.exit(await runLocalScript('keys-rotate.ts', ['--batch-size', options.batchSize]))
}

const ALGORITHMS = {
  ES256: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  RS256: () => generateKeyPairSync('rsa', { modulusLength: 3072 }),
  EdDSA: () => generateKeyPairSync('ed25519'),
}

/** Writes a file that must not exist yet, readable by its owner only when it is private. */
function writeNew(path, text, mode) {
  try {
    writeFileSync(path, text, { flag: 'wx', mode })
  } catch (error) {
    if (error.code === 'EEXIST') throw new CliError('exists', `${path} already exists: nothing was overwritten`)
    throw new CliError('write_failed', `cannot write ${path}: ${error.code ?? error.message}`)
  }
}

/** The signing key: a secret line for HS256, else a PEM pair written to `--out` and the lines that name it. */
function jwtLines(options) {
  const algorithm = options.algorithm
  if (algorithm === 'HS256') return ['JWT_ALGORITHM=HS256', `JWT_SECRET=${randomBytes(48).toString('base64url')}`]
  const generate = ALGORITHMS[algorithm]
  if (!generate)
    throw new CliError(
      'usage',
      `--algorithm takes ES256, RS256, EdDSA or HS256, not ${JSON.stringify(algorithm)}`,
      EXIT.usage,
    )
  const { privateKey, publicKey } = generate()
  const privatePath = resolve(join(options.out, 'jwt-private.pem'))
  const publicPath = resolve(join(options.out, 'jwt-public.pem'))
  writeNew(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600)
  writeNew(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), 0o644)
  return [`JWT_ALGORITHM=${algorithm}`, `JWT_PRIVATE_KEY_PATH=${privatePath}`, `JWT_PUBLIC_KEY_PATH=${publicPath}`]
}

/** A VAPID pair as web-push and browsers take it: the raw P-256 point and scalar, base64url. */
function vapidLines() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const { x, y } = publicKey.export({ format: 'jwk' })
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(x, 'base64url'), Buffer.from(y, 'base64url')])
  return [
    `VAPID_PUBLIC_KEY=${point.toString('base64url')}`,
    `VAPID_PRIVATE_KEY=${privateKey.export({ format: 'jwk' }).d}`,
  ]
}

const GENERATORS = {
  master: () => [`GATEHOUSE_MASTER_KEY=${randomBytes(32).toString('base64')}`],
  vapid: vapidLines,
  jwt: jwtLines,
}

/** `gatehouse keys generate master|vapid|jwt`: lines ready for an env file or gatehouse.toml. */
export async function generateKeys(context, kind, options) {
  const generator = GENERATORS[kind]
  if (!generator)
    throw new CliError('usage', `keys generate takes master, vapid or jwt, not ${JSON.stringify(kind)}`, EXIT.usage)
  context.out(generator(options).join('\n'))
}
