import { AppError } from '@/lib/errors'

/** What a disabled account is told at every door: password, passkey, single sign-on, a reset link. */
export const ACCOUNT_DISABLED = 'This account is disabled. Ask an administrator to enable it.'

export const accountDisabled = () => new AppError('account_disabled', ACCOUNT_DISABLED)
