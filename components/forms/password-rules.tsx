'use client'

import { Check, X } from 'lucide-react'
import { type CommonPasswordCheck, type PasswordPolicy, passwordRules } from '@/lib/auth/password-policy'
import { cn } from '@/lib/utils'

const assumeCommon: CommonPasswordCheck = () => true

/** The configured password rules, each ticked off as the user types; the common-password rule counts as unmet until its list has loaded. */
export function PasswordRules({
  id,
  policy,
  password,
  email,
  isCommon,
}: {
  id: string
  policy: PasswordPolicy
  password: string
  email?: string
  isCommon?: CommonPasswordCheck
}) {
  return (
    <ul id={id} aria-label="Password rules" className="grid gap-1 text-xs">
      {passwordRules(policy, isCommon ?? assumeCommon).map((rule) => {
        const met = password.length > 0 && rule.isMet(password, email)
        return (
          <li
            key={rule.message}
            className={cn('flex items-center gap-1.5', met ? 'text-success' : 'text-muted-foreground')}
          >
            {met ? <Check className="size-3.5" aria-hidden /> : <X className="size-3.5" aria-hidden />}
            <span>
              {rule.message.replace(/\.$/, '')}
              <span className="sr-only">{met ? ' (met)' : ' (not met)'}</span>
            </span>
          </li>
        )
      })}
    </ul>
  )
}
