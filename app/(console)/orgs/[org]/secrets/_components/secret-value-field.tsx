'use client'

import { Eye, EyeOff } from 'lucide-react'
import { useState } from 'react'
import { TextareaField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/utils'

/** A multi-line value, masked until the user asks to see what they typed; kept across a refused save. */
export function SecretValueField({ errors }: { errors?: string[] }) {
  const [value, setValue] = useState('')
  const [visible, setVisible] = useState(false)
  return (
    <div className="grid gap-1">
      <TextareaField
        name="value"
        label="Value"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        rows={4}
        className={cn('max-h-64 font-mono text-sm break-all', !visible && '[-webkit-text-security:disc]')}
        hint="Up to 64 KiB; several lines are fine (a PEM key, a kubeconfig)."
        errors={errors}
      />
      <Button
        type="button"
        variant="ghost"
        size="sm"
        className="justify-self-start"
        aria-pressed={visible}
        onClick={() => setVisible((current) => !current)}
      >
        {visible ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        {visible ? 'Hide value' : 'Show value'}
      </Button>
    </div>
  )
}
