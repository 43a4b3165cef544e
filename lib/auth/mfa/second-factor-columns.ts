import 'server-only'
import { sql } from 'drizzle-orm'

// Correlated to "users"."id": select them from users. A passkey counts as a second factor (it
// proves possession and, with user verification, a PIN or biometric), as does an enabled TOTP app.
const totpOn = sql<boolean>`exists (select 1 from totp_credentials t where t.user_id = "users"."id" and t.enabled_at is not null)`
const passkeyOn = sql<boolean>`exists (select 1 from passkeys p where p.user_id = "users"."id")`

export const secondFactorColumns = { totp: totpOn, passkey: passkeyOn }

export const mfaEnabledColumn = sql<boolean>`(${totpOn} or ${passkeyOn})`
