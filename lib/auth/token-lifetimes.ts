/** Lifetimes of the short tokens Gatehouse signs besides access tokens (ACCESS_TOKEN_TTL). */

/** A download link (lib/files/file-links.ts). */
export const FILE_LINK_TTL_SECONDS = 15 * 60

/** The step between a password (or SSO) and the second factor (lib/auth/mfa/pending-sign-in.ts). */
export const MFA_PENDING_TTL_SECONDS = 300
