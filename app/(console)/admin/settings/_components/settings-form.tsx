'use client'

import { type ReactNode, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { useKeptFormAction } from '@/components/forms/use-kept-form-action'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Switch } from '@/components/ui/switch'
import { DEFAULT_ROLE_CHOICES, type SettingPath, type SettingsResponse } from '@/lib/settings/schemas'
import { updateSettingsAction } from '../actions'
import { SettingRow } from './setting-row'

type Values = Record<SettingPath, string | boolean>

function valuesOf(settings: SettingsResponse): Values {
  return {
    enable_registration: settings.enable_registration,
    default_user_role: settings.default_user_role,
    'password_policy.min_length': String(settings.password_policy.min_length),
    'password_policy.require_uppercase': settings.password_policy.require_uppercase,
    'password_policy.require_symbol': settings.password_policy.require_symbol,
    'turnstile.enabled': settings.turnstile.enabled,
    'turnstile.require_on_login': settings.turnstile.require_on_login,
    'turnstile.require_on_register': settings.turnstile.require_on_register,
    'turnstile.require_on_password_change': settings.turnstile.require_on_password_change,
  }
}

export function SettingsForm({ settings }: { settings: SettingsResponse }) {
  const [state, onSubmit, pending] = useKeptFormAction(updateSettingsAction)
  const [values, setValues] = useState(() => valuesOf(settings))
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  const rowState = (path: SettingPath) => ({ lock: settings.locked_by[path], errors: fieldErrors?.[path] })
  const set = (path: SettingPath) => (value: string | boolean) =>
    setValues((current) => ({ ...current, [path]: value }))

  const toggle = (path: SettingPath, label: string, hint: ReactNode, extraDisabled = false) => (
    <SettingRow key={path} path={path} label={label} hint={hint} {...rowState(path)}>
      {({ id, disabled, describedBy }) => (
        <Switch
          id={id}
          name={path}
          checked={values[path] === true}
          onCheckedChange={set(path)}
          disabled={disabled || extraDisabled}
          aria-describedby={describedBy}
        />
      )}
    </SettingRow>
  )

  return (
    <form onSubmit={onSubmit} className="grid gap-6" noValidate>
      <FormAlert state={state} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Accounts</h2>
          </CardTitle>
          <CardDescription>Who can create an account, and the role of accounts administrators create.</CardDescription>
        </CardHeader>
        <CardContent className="divide-y">
          {toggle(
            'enable_registration',
            'Open registration',
            'Anyone who can reach this instance may create an account on /register. It joins no organization.',
          )}
          <SettingRow
            {...rowState('default_user_role')}
            path="default_user_role"
            label="Default role"
            hint="The role in the default organization of accounts that administrators create."
          >
            {({ id, disabled, describedBy }) => (
              <NativeSelect
                id={id}
                name="default_user_role"
                value={String(values.default_user_role)}
                onChange={(event) => set('default_user_role')(event.target.value)}
                disabled={disabled}
                aria-describedby={describedBy}
                className="sm:w-40"
              >
                {DEFAULT_ROLE_CHOICES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </NativeSelect>
            )}
          </SettingRow>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Password policy</h2>
          </CardTitle>
          <CardDescription>
            Applies to new passwords (registration, password changes, accounts administrators create), on top of a
            built-in list of common passwords.
          </CardDescription>
        </CardHeader>
        <CardContent className="divide-y">
          <SettingRow
            {...rowState('password_policy.min_length')}
            path="password_policy.min_length"
            label="Minimum length"
            hint="From 8 to 128 characters."
          >
            {({ id, disabled, describedBy }) => (
              <Input
                id={id}
                name="password_policy.min_length"
                type="number"
                inputMode="numeric"
                min={8}
                max={128}
                value={String(values['password_policy.min_length'])}
                onChange={(event) => set('password_policy.min_length')(event.target.value)}
                disabled={disabled}
                aria-invalid={fieldErrors?.['password_policy.min_length'] ? true : undefined}
                aria-describedby={describedBy}
                className="sm:w-28"
              />
            )}
          </SettingRow>
          {toggle('password_policy.require_uppercase', 'Require an uppercase letter', 'At least one letter A–Z.')}
          {toggle(
            'password_policy.require_symbol',
            'Require a symbol',
            'At least one character that is not a letter or digit.',
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Turnstile</h2>
          </CardTitle>
          <CardDescription>
            {settings.turnstile_keys_configured
              ? 'Cloudflare Turnstile asks a browser to prove it is not a script before the forms below are accepted.'
              : 'Set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY and restart to be able to turn Turnstile on.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="divide-y">
          {toggle(
            'turnstile.enabled',
            'Turnstile on',
            'Nothing below applies while this is off.',
            !settings.turnstile_keys_configured,
          )}
          {toggle('turnstile.require_on_register', 'On registration', 'Stops scripts from creating accounts.')}
          {toggle(
            'turnstile.require_on_login',
            'On sign-in',
            'Per-address and per-account limits guard sign-in already.',
          )}
          {toggle(
            'turnstile.require_on_password_change',
            'On password change',
            'Guards a stolen session from changing the password in a loop.',
          )}
        </CardContent>
      </Card>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  )
}
