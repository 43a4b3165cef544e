'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { saveSecretAction } from '../actions'
import { SecretValueField } from './secret-value-field'

interface SecretDialogProps {
  orgSlug: string
  /** Set for a new version of this secret; unset for a new secret. */
  name?: string
  trigger?: React.ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

/** A new secret, or a new version of one: the current value is never loaded into the form. */
export function SecretDialog({ orgSlug, name, trigger, open, onOpenChange }: SecretDialogProps) {
  return (
    <ActionDialog
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      title={name ? `New version of ${name}` : 'New secret'}
      description={
        name
          ? 'The new value becomes the newest version; older versions stay in its history.'
          : 'Stored encrypted. Services read it with an API key or the CLI.'
      }
      action={saveSecretAction}
      hidden={{ org: orgSlug, mode: name ? 'update' : 'create', ...(name ? { name } : {}) }}
      submitLabel="Save"
    >
      {(fieldErrors) => <SecretFields isNew={!name} fieldErrors={fieldErrors} />}
    </ActionDialog>
  )
}

/** Inside the dialog's content, so what was typed is kept across a refusal and gone once it closes. */
function SecretFields({ isNew, fieldErrors }: { isNew: boolean; fieldErrors?: Record<string, string[]> }) {
  const [name, setName] = useState('')
  const [note, setNote] = useState('')
  return (
    <>
      {isNew && (
        <FormField
          name="name"
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value.toUpperCase())}
          autoComplete="off"
          spellCheck={false}
          maxLength={128}
          required
          className="font-mono"
          hint="Capital letters, digits and underscores: DATABASE_URL."
          errors={fieldErrors?.name}
        />
      )}
      <SecretValueField errors={fieldErrors?.value} />
      <FormField
        name="note"
        label="Note (optional)"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={500}
        hint="Why it changed, for the history."
        errors={fieldErrors?.note}
      />
    </>
  )
}
