/**
 * A WebAuthn authenticator in software, for server-side tests: it makes real P-256 credentials and
 * signs real assertions (CBOR and COSE as a security key would), so the verifier under test runs
 * unmodified. The browser tests use Chromium's own virtual authenticator instead.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto'
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { isoCBOR } from '@simplewebauthn/server/helpers'

const FLAG_USER_PRESENT = 0x01
const FLAG_USER_VERIFIED = 0x04
const FLAG_BACKUP_ELIGIBLE = 0x08
const FLAG_BACKED_UP = 0x10
const FLAG_ATTESTED_DATA = 0x40

interface StoredCredential {
  id: Buffer
  privateKey: KeyObject
  cose: Uint8Array
  userHandle: string
  counter: number
}

interface SoftAuthenticatorOptions {
  /** Where the "browser" says the page is; a phishing page has another. */
  origin: string
  /** Count signatures like a security key (synced passkeys send 0). */
  countsSignatures?: boolean
  /** Synced passkey (backup eligible and backed up). */
  synced?: boolean
  /** Whether it checks a PIN or biometric. */
  verifiesUser?: boolean
}

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url')
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest()
const uint32 = (value: number) => {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32BE(value)
  return buffer
}

export class SoftAuthenticator {
  readonly credentials: StoredCredential[] = []
  constructor(private readonly options: SoftAuthenticatorOptions) {}

  private flags(extra = 0) {
    const { synced = false, verifiesUser = true } = this.options
    return (
      FLAG_USER_PRESENT |
      (verifiesUser ? FLAG_USER_VERIFIED : 0) |
      (synced ? FLAG_BACKUP_ELIGIBLE | FLAG_BACKED_UP : 0) |
      extra
    )
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.options.origin, crossOrigin: false }))
  }

  /** navigator.credentials.create(): a new credential for the options' user. */
  register(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const jwk = publicKey.export({ format: 'jwk' })
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    )
    const id = randomBytes(16)
    const idLength = Buffer.alloc(2)
    idLength.writeUInt16BE(id.length)
    const authData = Buffer.concat([
      sha256(options.rp.id!),
      Buffer.from([this.flags(FLAG_ATTESTED_DATA)]),
      uint32(0),
      Buffer.alloc(16),
      idLength,
      id,
      Buffer.from(cose),
    ])
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    )
    this.credentials.push({ id, privateKey, cose, userHandle: options.user.id, counter: 0 })
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    }
  }

  /** navigator.credentials.get(): signs the challenge with a credential it holds (the first allowed one). */
  assert(options: PublicKeyCredentialRequestOptionsJSON, pick?: StoredCredential): AuthenticationResponseJSON {
    const allowed = options.allowCredentials?.map((credential) => credential.id)
    const credential =
      pick ?? this.credentials.find((candidate) => !allowed?.length || allowed.includes(b64url(candidate.id)))
    if (!credential) throw new Error('NotAllowedError: no credential for this site')
    if (this.options.countsSignatures) credential.counter += 1
    const authData = Buffer.concat([sha256(options.rpId!), Buffer.from([this.flags()]), uint32(credential.counter)])
    const clientDataJSON = this.clientData('webauthn.get', options.challenge)
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey)
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    }
  }
}
