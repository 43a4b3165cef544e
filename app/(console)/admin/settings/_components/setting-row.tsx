import { Lock as LockIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Badge } from '@/components/ui/badge'
import { Label } from '@/components/ui/label'
import type { SettingPath, SettingsResponse } from '@/lib/settings/schemas'

const SOURCE_NAMES = { environment: 'the environment', 'gatehouse.toml': 'gatehouse.toml', flag: 'a serve flag' }

type Lock = SettingsResponse['locked_by'][string]

interface SettingRowProps {
  path: SettingPath
  label: string
  hint: ReactNode
  lock?: Lock
  errors?: string[]
  /** The control, given the props that tie it to this row's label, hint, lock and errors. */
  children: (props: { id: string; disabled: boolean; describedBy: string }) => ReactNode
}

/** A setting: its label and hint, its control, and why it cannot be changed here when configuration sets it. */
export function SettingRow({ path, label, hint, lock, errors, children }: SettingRowProps) {
  const id = `setting-${path.replace('.', '-')}`
  return (
    <div className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-muted-foreground text-sm">
          {hint}
        </p>
        {lock && (
          <p id={`${id}-lock`} className="flex flex-wrap items-center gap-1.5 text-sm">
            <LockIcon className="size-3.5" aria-hidden />
            Set by{' '}
            <Badge variant="outline" className="font-mono">
              {lock.variable}
            </Badge>{' '}
            in {SOURCE_NAMES[lock.source]}; change it there and restart.
          </p>
        )}
        {errors && (
          <ul id={`${id}-error`} className="text-destructive text-sm">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="shrink-0">
        {children({
          id,
          disabled: Boolean(lock),
          describedBy: [`${id}-hint`, lock && `${id}-lock`, errors && `${id}-error`].filter(Boolean).join(' '),
        })}
      </div>
    </div>
  )
}
