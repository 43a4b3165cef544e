import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { usage } from '../errors.mjs'
import { writeNewFile } from '../files.mjs'
import { runLocalScript } from '../local-script.mjs'

/** `gatehouse keys rotate`: scripts/keys-rotate.ts, the program `npm run keys:rotate` runs. */
export async function rotateKeys(context, options) {
  context.exit(await runLocalScript('keys-rotate.ts', ['--batch-size', options.batchSize]))
}

/** `gatehouse keys rotate-signing`: scripts/keys-rotate-signing.ts, the program `npm run keys:rotate-signing` runs. */
export async function rotateSigningKey(context) {
  context.exit(await runLocalScript('keys-rotate-signing.ts', []))
}

/** `gatehouse keys store-s3-secret`: scripts/s3-store-secret.ts, which reads the key itself. */
export async function storeS3Secret(context) {
  context.exit(await runLocalScript('s3-store-secret.ts', []))
}

const ALGORITHMS = {
  ES256: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  RS256: () => generateKeyPairSync('rsa', { modulusLength: 3072 }),
  EdDSA: () => generateKeyPairSync('ed25519'),
}

/** The signing key: a secret line for HS256, else a PEM pair written to `--out` and the lines that name it. */
function jwtLines(options) {
  const algorithm = options.algorithm
  if (algorithm === 'HS256') return ['JWT_ALGORITHM=HS256', `JWT_SECRET=${randomBytes(48).toString('base64url')}`]
  const generate = ALGORITHMS[algorithm]
  if (!generate) throw usage(`--algorithm takes ES256, RS256, EdDSA or HS256, not ${JSON.stringify(algorithm)}`)
  const { privateKey, publicKey } = generate()
  const privatePath = resolve(join(options.out, 'jwt-private.pem'))
  const publicPath = resolve(join(options.out, 'jwt-public.pem'))
  writeNewFile(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600)
  writeNewFile(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), 0o644)
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
  if (!generator) throw usage(`keys generate takes master, vapid or jwt, not ${JSON.stringify(kind)}`)
  context.out(generator(options).join('\n'))
}
