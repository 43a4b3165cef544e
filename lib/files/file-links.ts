import 'server-only'
import { jwtVerify, SignJWT } from 'jose'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { FILE_LINK_TTL_SECONDS } from '@/lib/auth/token-lifetimes'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'

// A download link's token is good for one file, for 15 minutes, and for nothing else (its audience).
const AUDIENCE = 'gatehouse-file-link'

/** A signed link to one file, audited as file.link. */
export async function createFileLink(
  runtime: Runtime,
  args: { orgId: string; fileId: string; actor: AuditActor; meta: RequestMeta },
) {
  const { signingKeys: keys, config } = runtime
  const signer = keys.signer
  const expiresAt = new Date(Date.now() + FILE_LINK_TTL_SECONDS * 1000)
  const token = await new SignJWT({ org: args.orgId })
    .setProtectedHeader({ alg: keys.alg, kid: signer.kid })
    .setIssuer(config.appUrl)
    .setAudience(AUDIENCE)
    .setSubject(args.fileId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signer.key)
  await recordAuditAlone(runtime.db, {
    action: 'file.link',
    actor: args.actor,
    orgId: args.orgId,
    target: { type: 'file', id: args.fileId },
    meta: args.meta,
    details: { expires_at: expiresAt.toISOString() },
  })
  return { url: `${config.appUrl}/api/v1/files/${encodeURIComponent(args.fileId)}/stream?token=${token}`, expiresAt }
}

/** The org of the file a link's token opens; 401 when it is expired, forged, or for another file. */
export async function verifyFileLink(runtime: Runtime, token: string, fileId: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, (header) => runtime.signingKeys.keyFor(header), {
      algorithms: [runtime.signingKeys.alg],
      issuer: runtime.config.appUrl,
      audience: AUDIENCE,
    })
    if (payload.sub !== fileId || typeof payload.org !== 'string') throw new Error('another file')
    return payload.org
  } catch (error) {
    const expired = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED'
    throw new AppError(
      expired ? 'token_expired' : 'invalid_token',
      expired ? 'This download link has expired; ask for a new one' : 'This download link is not valid for this file',
    )
  }
}
