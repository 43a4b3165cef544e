'use client'

import { Trash2 } from 'lucide-react'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { Button } from '@/components/ui/button'
import { deleteOrgAction } from '../actions'

export function DeleteOrgButton({ org }: { org: { slug: string; name: string } }) {
  return (
    <ConfirmAction
      trigger={
        <Button variant="destructive">
          <Trash2 /> Delete organization
        </Button>
      }
      title={`Delete ${org.name}?`}
      description="Its members lose access, and its roles and settings are deleted. This cannot be undone."
      action={deleteOrgAction}
      hidden={{ org: org.slug }}
      confirmLabel="Delete organization"
    />
  )
}
