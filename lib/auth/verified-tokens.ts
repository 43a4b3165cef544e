import 'server-only'

/**
 * Access tokens whose signature, issuer and audience were verified, by the SHA-256 of the whole
 * token: a client reuses its token for up to ACCESS_TOKEN_TTL, and pays the signature check once.
 * An entry lapses at the token's `exp`; revocation is not cached (the user lookup checks it on
 * every request). Least recently used entries go first once `capacity` is reached.
 */
export class VerifiedTokens<Claims> {
  private readonly entries = new Map<string, { claims: Claims; expiresAt: number }>()

  constructor(private readonly capacity = 10_000) {}

  get(tokenHash: string, now = Date.now()): Claims | undefined {
    const entry = this.entries.get(tokenHash)
    if (!entry) return undefined
    this.entries.delete(tokenHash)
    if (entry.expiresAt <= now) return undefined
    this.entries.set(tokenHash, entry)
    return entry.claims
  }

  set(tokenHash: string, claims: Claims, expiresAt: number): void {
    this.entries.delete(tokenHash)
    this.entries.set(tokenHash, { claims, expiresAt })
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }

  get size(): number {
    return this.entries.size
  }
}
