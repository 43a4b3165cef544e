// Gatehouse's service worker: shows the security alerts that the server sends by Web Push
// (lib/notify/send-push.ts), and opens the page an alert names, on this origin only.
self.addEventListener('push', (event) => {
  let message = {}
  try {
    message = event.data ? event.data.json() : {}
  } catch {
    message = {}
  }
  const title = typeof message.title === 'string' ? message.title : 'Gatehouse'
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === 'string' ? message.body : '',
      icon: '/icon.svg',
      tag: typeof message.event === 'string' ? message.event : undefined,
      data: { url: typeof message.url === 'string' ? message.url : '/' },
    }),
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const target = new URL(event.notification.data?.url ?? '/', self.location.origin)
  if (target.origin !== self.location.origin) return
  event.waitUntil(self.clients.openWindow(target.href))
})
