'use client'

import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'

export interface AuditEventView {
  id: string
  seq: number
  at: string
  action: string
  label: string
  outcome: string
  actor: string
  target: string
  ip: string
  device: string
  userAgent: string
  meta: [string, string][]
}

/** One event's every field, the meta as readable key/value pairs. */
export function AuditEventDetails({ event }: { event: AuditEventView }) {
  const rows: [string, string][] = [
    ['Time', event.at],
    ['Action', `${event.label} (${event.action})`],
    ['Outcome', event.outcome],
    ['Actor', event.actor],
    ['Target', event.target],
    ['Address', event.ip],
    ['Device', event.userAgent || '—'],
    ['Event', `${event.id} · #${event.seq}`],
    ...event.meta,
  ]
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Details
          <span className="sr-only">
            {' '}
            of {event.label} at {event.at}
          </span>
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{event.label}</DialogTitle>
          <DialogDescription>{event.at}</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
          {rows.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="font-mono text-xs break-all whitespace-pre-wrap">{value}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  )
}
