import Link from 'next/link'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'

/** Says why the page is read-only: the visitor is a guest of the org, not a member. */
export function GuestNotice({ orgName, signInHref }: { orgName: string; signInHref?: string }) {
  return (
    <Alert role="status">
      {/* The whole sentence, on a phone too (a title is clamped to one line). */}
      <AlertTitle className="line-clamp-none">You are viewing {orgName} as a guest</AlertTitle>
      <AlertDescription>
        {signInHref ? (
          <p>
            Anyone can read and download these files.{' '}
            <Link href={signInHref} className="text-foreground font-medium underline underline-offset-4">
              Sign in
            </Link>{' '}
            if you are a member.
          </p>
        ) : (
          <p>You are not a member of this organization, so you see what anonymous visitors see.</p>
        )}
      </AlertDescription>
    </Alert>
  )
}
