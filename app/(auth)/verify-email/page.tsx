import type { Metadata } from 'next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { VerifyEmailForm } from './_components/verify-email-form'

export const metadata: Metadata = { title: 'Confirm your e-mail address · Gatehouse' }

export default function VerifyEmailPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Confirm your e-mail address</h1>
        </CardTitle>
        <CardDescription>
          One click proves the address is yours, so that password resets and security alerts reach you.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <VerifyEmailForm />
      </CardContent>
    </Card>
  )
}
