/**
 * Every action the audit log records, with the words the console shows for it. The API's
 * `action=` filter accepts exactly these (a test fails when code records an action missing here).
 */
export const AUDIT_ACTION_LABELS = {
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.token.refresh': 'Refreshed an API token',
  'auth.token.reuse_detected': 'Reused refresh token detected',
  'auth.password.change': 'Password changed',
  'auth.password.reset_request': 'Password reset requested',
  'auth.password.reset': 'Password reset by e-mail',
  'auth.email.verify': 'E-mail address verified',
  'auth.report': 'Reported a security alert as not theirs',
  'auth.mfa.enable': 'Authenticator app turned on',
  'auth.mfa.disable': 'Authenticator app turned off',
  'auth.mfa.recovery_used': 'Recovery code used',
  'auth.passkey.add': 'Passkey added',
  'auth.passkey.remove': 'Passkey removed',
  'auth.sso.link': 'Linked a single sign-on identity',
  'session.revoke': 'Session ended',
  'push.subscribe': 'Notifications turned on for a device',
  'push.unsubscribe': 'Notifications turned off for a device',
  'setup.complete': 'Instance set up',
  'user.create': 'Account created',
  'user.update': 'Account changed',
  'user.disable': 'Account disabled',
  'user.delete': 'Account deleted',
  'org.create': 'Organization created',
  'org.update': 'Organization changed',
  'org.delete': 'Organization deleted',
  'member.add': 'Member added',
  'member.update': 'Member role changed',
  'member.remove': 'Member removed',
  'role.create': 'Role created',
  'role.update': 'Role changed',
  'role.delete': 'Role deleted',
  'apikey.create': 'API key created',
  'apikey.revoke': 'API key revoked',
  'secret.write': 'Secret saved',
  'secret.read': 'Secret value read',
  'secret.export': 'Secrets exported',
  'secret.delete': 'Secret deleted',
  'file.upload': 'File uploaded',
  'file.download': 'File downloaded',
  'file.delete': 'File deleted',
  'file.link': 'Download link created',
  'audit.export': 'Audit log exported',
  'settings.update': 'Settings changed',
  'oidc.provider.create': 'SSO provider added',
  'oidc.provider.update': 'SSO provider changed',
  'oidc.provider.delete': 'SSO provider removed',
  'oidc.provider.drift': 'SSO provider endpoints moved (needs review)',
  'keys.rotate': 'Keys rotated',
  'keys.signing.rotate': 'Token signing key rotated',
  'keys.s3_secret.store': 'File storage secret key stored',
} as const

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]]

export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action
}
