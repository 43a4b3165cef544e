import type { Page } from '@playwright/test'

/**
 * Cloudflare's Turnstile script cannot be reached from here, so the page gets a stand-in at the
 * same address: it renders a visible box and, like the real widget, a hidden `response-field-name`
 * input with a token, and calls back. Tokens starting "pass" are what the local siteverify
 * stand-in accepts (once each); `outcome` decides which kind the next widget hands out.
 */
export async function routeTurnstileScript(page: Page, outcome: { next: 'pass' | 'fail' }) {
  await page.exposeFunction('__turnstileOutcome', () => outcome.next)
  await page.route('https://challenges.cloudflare.com/turnstile/v0/api.js**', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `
        let widgets = 0
        const issue = async (container, params) => {
          const token = (await window.__turnstileOutcome()) + '-' + Math.random().toString(36).slice(2)
          let input = container.querySelector('input[type=hidden]')
          if (!input) { input = document.createElement('input'); input.type = 'hidden'; input.name = params['response-field-name'] || 'cf-turnstile-response'; container.appendChild(input) }
          input.value = token
          params.callback && params.callback(token)
        }
        const rendered = new Map()
        window.turnstile = {
          render(container, params) {
            const element = typeof container === 'string' ? document.querySelector(container) : container
            const box = document.createElement('p'); box.textContent = 'Turnstile stand-in: verified'; element.appendChild(box)
            const id = 'widget-' + ++widgets
            rendered.set(id, { element, params })
            issue(element, params)
            return id
          },
          reset(id) { const widget = rendered.get(id); if (widget) issue(widget.element, widget.params) },
          remove(id) { rendered.delete(id) },
          getResponse(id) { return rendered.get(id)?.element.querySelector('input[type=hidden]')?.value },
          isExpired() { return false },
          ready(callback) { callback() },
          execute() {},
          __resetAll() { for (const id of rendered.keys()) this.reset(id) },
        }
        window.onloadTurnstileCallback && window.onloadTurnstileCallback()
      `,
    }),
  )
}
