import type { Metadata } from 'next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { ReportForm } from './_components/report-form'

export const metadata: Metadata = { title: 'This wasn’t me · Gatehouse' }

export default function ReportPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Not you?</h1>
        </CardTitle>
        <CardDescription>
          You followed the link in a Gatehouse security alert. Confirm, and the sign-in or API key the alert was about
          ends at once.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ReportForm />
      </CardContent>
    </Card>
  )
}
