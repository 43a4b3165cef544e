import { CircleAlert } from 'lucide-react'
import Link from 'next/link'
import { Alert, AlertDescription } from '@/components/ui/alert'

/** A mail link's page opened without its token: what to do instead. */
export function LinkTokenMissing({ again }: { again: { href: string; label: string } }) {
  return (
    <div className="grid gap-4">
      <Alert variant="destructive">
        <CircleAlert />
        <AlertDescription>
          This page needs the whole link from the mail. Open the link again, or copy all of it into the address bar.
        </AlertDescription>
      </Alert>
      <Link href={again.href} className="text-sm font-medium underline underline-offset-4">
        {again.label}
      </Link>
    </div>
  )
}
