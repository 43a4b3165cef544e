'use client'

import { Check, Copy } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'

/** `compact`: the label is only read out, not shown, below the sm breakpoint (a table row at phone width). */
export function CopyButton({
  value,
  label = 'Copy',
  compact = false,
}: {
  value: string
  label?: string
  compact?: boolean
}) {
  const [copied, setCopied] = useState(false)
  return (
    <Button
      type="button"
      variant="outline"
      onClick={async () => {
        await navigator.clipboard.writeText(value)
        setCopied(true)
        setTimeout(() => setCopied(false), 2000)
      }}
    >
      {copied ? <Check /> : <Copy />}
      <span className={compact ? 'sr-only sm:not-sr-only' : undefined}>{copied ? 'Copied' : label}</span>
    </Button>
  )
}
