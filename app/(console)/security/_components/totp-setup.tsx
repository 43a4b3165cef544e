'use client'

import { Download } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { useActionState, useState } from 'react'
import { CopyButton } from '@/components/console/copy-button'
import { ConfirmPasswordField } from '@/components/forms/confirm-password-field'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { enableTotpAction, startTotpSetupAction } from '../actions'

export function StartTotpSetup() {
  const [state, formAction, pending] = useActionState(startTotpSetupAction, null)
  return (
    <form action={formAction} className="grid justify-items-start gap-3">
      {state && !state.ok && <FormAlert state={state} />}
      <Button type="submit" disabled={pending}>
        {pending ? 'Preparing…' : 'Set up an authenticator app'}
      </Button>
    </form>
  )
}

/** Scan, confirm with a code; then the recovery codes, shown once, to copy or download. */
export function ConfirmTotpSetup({ qrImage, secret }: { qrImage: string; secret: string }) {
  const [state, formAction, pending] = useActionState(enableTotpAction, null)
  const [code, setCode] = useState('')
  if (state?.ok && state.reveal) return <RecoveryCodes codes={state.reveal.split('\n')} />
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <div className="grid gap-6 md:grid-cols-[auto_1fr] md:items-start">
      {/* Drawn on the server by qrcode; a data: image runs no script even if it held one. */}
      {/* biome-ignore lint/performance/noImgElement: a data: URL, nothing for next/image to optimise */}
      <img src={qrImage} alt="QR code for your authenticator app" className="size-48 rounded-md border bg-white p-2" />
      <form action={formAction} className="grid max-w-md gap-4" noValidate>
        <p className="text-sm">
          Scan the code with your authenticator app (1Password, Google Authenticator, Aegis…), or enter this key by
          hand:
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <figure aria-label="Setup key">
            <code className="bg-muted rounded px-2 py-1 font-mono text-sm break-all">
              {secret.match(/.{1,4}/g)?.join(' ')}
            </code>
          </figure>
          <CopyButton value={secret} label="Copy key" />
        </div>
        <FormAlert state={state} />
        <FormField
          name="code"
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
          errors={fieldErrors?.code}
          className="font-mono tracking-widest"
        />
        <ConfirmPasswordField errors={fieldErrors?.password} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? 'Checking…' : 'Turn on two-factor'}
          </Button>
        </div>
      </form>
    </div>
  )
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const router = useRouter()
  const text = `Gatehouse recovery codes (each works once)\n\n${codes.join('\n')}\n`
  const download = () => {
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }))
    link.download = 'gatehouse-recovery-codes.txt'
    link.click()
    URL.revokeObjectURL(link.href)
  }
  return (
    <div className="grid max-w-xl gap-4">
      <Alert>
        <AlertTitle>The authenticator app is on. Save your recovery codes now.</AlertTitle>
        <AlertDescription>
          If you lose your phone, each of these signs you in once. They are not shown again.
        </AlertDescription>
      </Alert>
      <ul
        aria-label="Recovery codes"
        className="bg-muted grid grid-cols-2 gap-x-6 gap-y-1 rounded-md p-4 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={codes.join('\n')} label="Copy codes" />
        <Button type="button" variant="outline" onClick={download}>
          <Download aria-hidden /> Download
        </Button>
        <Button type="button" onClick={() => router.refresh()}>
          I have saved them
        </Button>
      </div>
    </div>
  )
}
