'use client'

import { Check, Copy, Eye } from 'lucide-react'
import { useState, useTransition } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { formDataOf } from '@/components/forms/form-data'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import type { ActionFailure } from '@/lib/actions/define-action'
import { revealSecretAction } from '../actions'

interface RevealSecretDialogProps {
  orgSlug: string
  name: string
  version?: number
  open: boolean
  onOpenChange: (open: boolean) => void
}

/** Reveal or copy a value: each is its own click, and each is a secret.read in the audit log. */
export function RevealSecretDialog({ orgSlug, name, version, open, onOpenChange }: RevealSecretDialogProps) {
  const [revealed, setRevealed] = useState<{ value: string; version: number } | null>(null)
  const [copied, setCopied] = useState(false)
  const [failure, setFailure] = useState<ActionFailure | null>(null)
  const [pending, startTransition] = useTransition()

  const read = (then: (secret: { value: string; version: number }) => Promise<void> | void) =>
    startTransition(async () => {
      const result = await revealSecretAction(
        null,
        formDataOf({ org: orgSlug, name, version: version ? String(version) : undefined }),
      )
      if (!result.ok) return setFailure(result)
      setFailure(null)
      await then(result)
    })

  const close = (next: boolean) => {
    if (!next) {
      setRevealed(null)
      setCopied(false)
      setFailure(null)
    }
    onOpenChange(next)
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {name}
            {version ? ` · version ${version}` : ''}
          </DialogTitle>
          <DialogDescription>
            Revealing or copying the value is recorded in the organization’s audit log with your name and address.
          </DialogDescription>
        </DialogHeader>
        {failure && <FormAlert state={failure} />}
        {revealed && (
          <figure aria-label={`Value of ${name}`}>
            <pre className="bg-muted max-h-64 overflow-auto rounded-md p-3 font-mono text-sm break-all whitespace-pre-wrap">
              {revealed.value === '' ? <span className="text-muted-foreground italic">(empty)</span> : revealed.value}
            </pre>
          </figure>
        )}
        <DialogFooter>
          <Button
            type="button"
            variant="outline"
            disabled={pending}
            onClick={() =>
              read(async (secret) => {
                await navigator.clipboard.writeText(secret.value)
                setCopied(true)
              })
            }
          >
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied ? 'Copied' : 'Copy value'}
          </Button>
          {!revealed && (
            <Button type="button" disabled={pending} onClick={() => read((secret) => setRevealed(secret))}>
              <Eye aria-hidden /> Reveal value
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
