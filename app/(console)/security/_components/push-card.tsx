'use client'

import { useEffect, useState, useTransition } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import type { ActionResult } from '@/lib/actions/define-action'
import { subscribePushAction, testPushAction, unsubscribePushAction } from '../actions'

const SUBSCRIBE_TIMEOUT_MS = 15_000

type DeviceState = 'checking' | 'unsupported' | 'denied' | 'off' | 'on'

function supportsPush(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
}

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  return form
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/')
  return (await registration?.pushManager.getSubscription()) ?? null
}

/** "Notifications on this device": subscribes this browser to the instance's Web Push, or stops. */
export function PushCard({ vapidPublicKey }: { vapidPublicKey: string }) {
  const [device, setDevice] = useState<DeviceState>('checking')
  const [result, setResult] = useState<ActionResult | null>(null)
  const [pending, startTransition] = useTransition()

  useEffect(() => {
    if (!supportsPush()) return setDevice('unsupported')
    if (Notification.permission === 'denied') return setDevice('denied')
    void currentSubscription().then((subscription) => setDevice(subscription ? 'on' : 'off'))
  }, [])

  const turnOn = async (): Promise<ActionResult> => {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' })
    await navigator.serviceWorker.ready
    if ((await Notification.requestPermission()) !== 'granted') {
      setDevice(Notification.permission === 'denied' ? 'denied' : 'off')
      return { ok: false, error: 'Notifications were not allowed, so nothing changed.' }
    }
    let subscription: PushSubscription
    try {
      // A browser whose push service cannot be reached may never answer: give up after a while.
      subscription = await Promise.race([
        registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidPublicKey }),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('no answer within 15 seconds')), SUBSCRIBE_TIMEOUT_MS),
        ),
      ])
    } catch (error) {
      return {
        ok: false,
        error: `This browser could not reach its push service, so notifications stay off (${(error as Error).message}).`,
      }
    }
    const { endpoint, keys } = subscription.toJSON()
    const saved = await subscribePushAction(
      null,
      formOf({ endpoint: endpoint ?? '', p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' }),
    )
    if (saved.ok) setDevice('on')
    else await subscription.unsubscribe()
    return saved
  }

  const turnOff = async (): Promise<ActionResult> => {
    const subscription = await currentSubscription()
    setDevice('off')
    if (!subscription) return { ok: true, message: 'Notifications are off for this device.' }
    await subscription.unsubscribe()
    return unsubscribePushAction(null, formOf({ endpoint: subscription.endpoint }))
  }

  const toggle = (on: boolean) =>
    startTransition(async () => {
      setResult(null)
      setResult(
        await (on ? turnOn() : turnOff()).catch((error: Error) => ({ ok: false as const, error: error.message })),
      )
    })

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Notifications</h2>
        </CardTitle>
        <CardDescription>
          Let Gatehouse notify this browser about your account’s security. Each device is turned on here, on its own.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {device === 'unsupported' ? (
          <p className="text-muted-foreground text-sm">This browser cannot show notifications from websites.</p>
        ) : device === 'denied' ? (
          <p className="text-muted-foreground text-sm">
            This browser blocks notifications from Gatehouse. Allow them in the site settings, then come back.
          </p>
        ) : (
          <div className="flex items-center gap-3">
            <Switch
              id="push-this-device"
              checked={device === 'on'}
              disabled={device === 'checking' || pending}
              onCheckedChange={toggle}
            />
            <Label htmlFor="push-this-device">Notifications on this device</Label>
          </div>
        )}
        <FormAlert state={result} />
        {device === 'on' && (
          <Button
            variant="outline"
            className="justify-self-start"
            disabled={pending}
            onClick={() => startTransition(async () => setResult(await testPushAction(null, new FormData())))}
          >
            Send a test notification
          </Button>
        )}
      </CardContent>
    </Card>
  )
}
