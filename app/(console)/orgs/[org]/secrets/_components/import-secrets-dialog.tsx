'use client'

import { FileUp } from 'lucide-react'
import { useEffect, useState, useTransition } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { formDataOf } from '@/components/forms/form-data'
import { TextareaField } from '@/components/forms/form-field'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import type { ActionResult } from '@/lib/actions/define-action'
import { importSecretsAction, previewImportAction } from '../actions'

interface Preview {
  changes: { name: string; line: number; action: 'create' | 'update' }[]
  problems: { line: number; message: string }[]
}

/** Paste a .env block, see what it would create and update, then import it. */
export function ImportSecretsDialog({ orgSlug }: { orgSlug: string }) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [preview, setPreview] = useState<Preview | null>(null)
  const [outcome, setOutcome] = useState<ActionResult | null>(null)
  const [pending, startTransition] = useTransition()

  useEffect(() => {
    if (!open) {
      setText('')
      setPreview(null)
      setOutcome(null)
    }
  }, [open])

  const formOf = () => formDataOf({ org: orgSlug, text })
  const showPreview = () =>
    startTransition(async () => {
      const result = await previewImportAction(null, formOf())
      setOutcome(result.ok ? null : result)
      setPreview(result.ok ? result : null)
    })
  const runImport = () =>
    startTransition(async () => {
      const result = await importSecretsAction(null, formOf())
      setOutcome(result)
      if (result.ok) setOpen(false)
    })

  const creates = preview?.changes.filter((change) => change.action === 'create').length ?? 0
  const updates = (preview?.changes.length ?? 0) - creates
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <FileUp aria-hidden /> Import .env
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Import from a .env file</DialogTitle>
          <DialogDescription>
            Paste NAME=value lines. Quoted values may span lines; comments and blank lines are skipped. Nothing is saved
            until you import.
          </DialogDescription>
        </DialogHeader>
        {outcome && !outcome.ok && <FormAlert state={outcome} />}
        <TextareaField
          name="text"
          label=".env contents"
          value={text}
          onChange={(event) => {
            setText(event.target.value)
            setPreview(null)
          }}
          rows={8}
          autoComplete="off"
          spellCheck={false}
          className="max-h-72 font-mono text-sm [-webkit-text-security:disc]"
          hint="Masked as you paste; the preview lists names only."
        />
        {preview && (
          <div className="grid gap-2" aria-live="polite">
            <p className="text-sm font-medium">
              {creates} to create, {updates} to update
              {preview.problems.length > 0
                ? `, ${preview.problems.length} line${preview.problems.length === 1 ? '' : 's'} to fix`
                : ''}
            </p>
            <ul aria-label="Import preview" className="grid max-h-56 divide-y overflow-auto rounded-md border text-sm">
              {preview.changes.map((change) => (
                <li key={change.name} className="flex items-center justify-between gap-2 px-3 py-1.5">
                  <span className="font-mono break-all">{change.name}</span>
                  <Badge variant={change.action === 'create' ? 'default' : 'secondary'}>
                    {change.action === 'create' ? 'Create' : 'New version'}
                  </Badge>
                </li>
              ))}
              {preview.problems.map((problem) => (
                <li key={`problem-${problem.line}-${problem.message}`} className="text-destructive px-3 py-1.5">
                  Line {problem.line}: {problem.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          {preview && preview.problems.length === 0 && preview.changes.length > 0 ? (
            <Button type="button" disabled={pending} onClick={runImport}>
              {pending
                ? 'Importing…'
                : `Import ${preview.changes.length} secret${preview.changes.length === 1 ? '' : 's'}`}
            </Button>
          ) : (
            <Button type="button" disabled={pending || text.trim() === ''} onClick={showPreview}>
              {pending ? 'Reading…' : 'Preview'}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
