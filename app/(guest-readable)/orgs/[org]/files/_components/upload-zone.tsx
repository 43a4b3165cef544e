'use client'

import { CircleAlert, Upload } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { useId, useRef, useState } from 'react'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Progress } from '@/components/ui/progress'
import { formatBytes } from '@/lib/format'
import { CSRF_HEADER, csrfCookieName } from '@/lib/sessions/cookies'
import { cn } from '@/lib/utils'

type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; percent: number }
  | { phase: 'failed'; message: string }
  | { phase: 'done'; name: string }

// The page is served at APP_URL, so its protocol says which name the server gave the cookie.
const csrfToken = () => {
  const name = csrfCookieName({ isHttps: window.location.protocol === 'https:' })
  return (
    document.cookie
      .split('; ')
      .find((pair) => pair.startsWith(`${name}=`))
      ?.slice(name.length + 1) ?? ''
  )
}

/** XMLHttpRequest, not fetch: it reports upload progress. Resolves with the problem detail on refusal. */
function send(url: string, file: File, onProgress: (percent: number) => void): Promise<string | null> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest()
    request.open('POST', url)
    request.setRequestHeader(CSRF_HEADER, decodeURIComponent(csrfToken()))
    request.upload.onprogress = (event) =>
      event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100))
    request.onload = () => {
      if (request.status === 201) return resolve(null)
      try {
        resolve(
          (JSON.parse(request.responseText) as { detail?: string }).detail ?? `The upload failed (${request.status}).`,
        )
      } catch {
        resolve(`The upload failed (${request.status}).`)
      }
    }
    request.onerror = () => resolve('The connection was lost during the upload. Try again.')
    const body = new FormData()
    body.set('file', file)
    request.send(body)
  })
}

/** Drop a file here or choose one; it uploads with a progress bar, encrypted on arrival. */
export function UploadZone({ orgSlug, maxBytes }: { orgSlug: string; maxBytes: number }) {
  const router = useRouter()
  const inputId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [state, setState] = useState<UploadState>({ phase: 'idle' })

  async function upload(file: File | undefined) {
    if (!file || state.phase === 'uploading') return
    if (file.size > maxBytes)
      return setState({
        phase: 'failed',
        message: `${file.name} is ${formatBytes(file.size)}; files can be at most ${formatBytes(maxBytes)}.`,
      })
    setState({ phase: 'uploading', name: file.name, percent: 0 })
    const refusal = await send(`/api/v1/orgs/${encodeURIComponent(orgSlug)}/files`, file, (percent) =>
      setState({ phase: 'uploading', name: file.name, percent }),
    )
    if (input.current) input.current.value = ''
    if (refusal) return setState({ phase: 'failed', message: refusal })
    setState({ phase: 'done', name: file.name })
    router.refresh()
  }

  return (
    <div className="grid gap-3">
      {/* The drop target: dragging is a mouse gesture; the button below is the keyboard's way in. */}
      <section
        aria-label="Upload a file"
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault()
          setDragging(false)
          void upload(event.dataTransfer.files[0])
        }}
        className={cn(
          'grid justify-items-center gap-2 rounded-lg border-2 border-dashed p-6 text-center transition-colors',
          dragging ? 'border-primary bg-primary/5' : 'border-border',
        )}
      >
        <Upload className="text-muted-foreground size-6" aria-hidden />
        <p className="text-sm">
          Drop a file here, or{' '}
          <Button
            type="button"
            variant="link"
            className="h-auto p-0 underline underline-offset-4"
            onClick={() => input.current?.click()}
            disabled={state.phase === 'uploading'}
          >
            choose one
          </Button>
          .
        </p>
        <p className="text-muted-foreground text-xs">Up to {formatBytes(maxBytes)}. Encrypted as it arrives.</p>
        <label htmlFor={inputId} className="sr-only">
          File to upload
        </label>
        <input
          id={inputId}
          ref={input}
          type="file"
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => void upload(event.target.files?.[0])}
        />
      </section>
      {state.phase === 'uploading' && (
        <div className="grid gap-1" aria-live="polite">
          <p className="text-sm">
            Uploading {state.name}… {state.percent}%
          </p>
          <Progress value={state.percent} aria-label={`Upload of ${state.name}`} />
        </div>
      )}
      {state.phase === 'done' && (
        <p className="text-sm" aria-live="polite">
          Uploaded {state.name}.
        </p>
      )}
      {state.phase === 'failed' && (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
    </div>
  )
}
