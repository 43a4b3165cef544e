import { CircleAlert, CircleCheck, Download, ShieldCheck } from 'lucide-react'
import Link from 'next/link'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { VerifyVerdict } from '@/lib/audit/checkpoint'
import { formatDateTime } from '@/lib/format'

export interface BadEvent {
  id: string
  seq: number
  at: Date
  action: string
}

const REASONS = {
  broken: 'an event was changed or removed: its hash no longer follows from the one before it',
  truncated: 'the log ends before the checkpoint: events up to it were cut off the end',
  altered: 'another event stands where the checkpoint’s event was: the end of the log was replaced',
}

function Verdict({ verdict, badEvent }: { verdict: VerifyVerdict; badEvent?: BadEvent }) {
  if (verdict.ok)
    return (
      <Alert>
        <CircleCheck />
        <AlertTitle>Intact</AlertTitle>
        <AlertDescription>
          Checked {verdict.checked.toLocaleString('en')} events: the chain is unbroken.
        </AlertDescription>
      </Alert>
    )
  return (
    <Alert variant="destructive">
      <CircleAlert />
      <AlertTitle>The audit log was tampered with</AlertTitle>
      <AlertDescription>
        <p>
          Checked {verdict.checked.toLocaleString('en')} events; {REASONS[verdict.reason ?? 'broken']}.
        </p>
        {badEvent && (
          <p>
            First bad event:{' '}
            <Link className="underline" href={`/admin/audit?until=${encodeURIComponent(badEvent.at.toISOString())}`}>
              #{badEvent.seq} {badEvent.action} at {formatDateTime(badEvent.at)}
            </Link>{' '}
            ({badEvent.id})
          </p>
        )}
      </AlertDescription>
    </Alert>
  )
}

/**
 * Verifying the hash chain (optionally against a checkpoint kept elsewhere), and downloading a new
 * checkpoint to keep outside the database.
 */
export function ChainCheck({
  verdict,
  badEvent,
  checkpoint,
  refusal,
}: {
  verdict?: VerifyVerdict
  badEvent?: BadEvent
  checkpoint?: string
  refusal?: string
}) {
  const day = new Date().toISOString().slice(0, 10)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Chain integrity</CardTitle>
        <CardDescription>
          Every event carries the hash of the one before it. A checkpoint, signed by this instance and kept outside the
          database, also proves that nothing was cut off the end.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form action="/admin/audit" className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
          <input type="hidden" name="verify" value="1" />
          <div className="grid gap-1.5">
            <Label htmlFor="audit-checkpoint">Checkpoint signature (optional)</Label>
            <Input
              id="audit-checkpoint"
              name="checkpoint"
              defaultValue={checkpoint}
              placeholder="eyJ… from a downloaded checkpoint’s signature"
              autoComplete="off"
              className="font-mono"
            />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit">
              <ShieldCheck /> Verify chain
            </Button>
            <Button variant="outline" asChild>
              <a href="/api/v1/admin/audit/checkpoint" download={`gatehouse-audit-checkpoint-${day}.json`}>
                <Download /> Download checkpoint
              </a>
            </Button>
          </div>
        </form>
        {refusal && (
          <Alert variant="destructive">
            <CircleAlert />
            <AlertDescription>{refusal}</AlertDescription>
          </Alert>
        )}
        {verdict && <Verdict verdict={verdict} badEvent={badEvent} />}
      </CardContent>
    </Card>
  )
}
