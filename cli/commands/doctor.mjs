import { styleText } from 'node:util'
import { EXIT } from '../errors.mjs'
import { callAsUser } from '../session.mjs'

const LOOK = { pass: ['PASS', 'green'], warn: ['WARN', 'yellow'], fail: ['FAIL', 'red'] }

/** Colours only on a terminal, and never with NO_COLOR set (https://no-color.org). */
const colour = (context, style, text) => (process.stdout.isTTY && !context.env.NO_COLOR ? styleText(style, text) : text)

/** `gatehouse doctor`: the live security checklist; exits 1 when an item fails. */
export async function doctor(context) {
  const { items } = await callAsUser(context, '/api/v1/admin/security-checklist')
  const failed = items.filter((item) => item.status === 'fail').length
  if (context.json) context.out(JSON.stringify({ items }))
  else {
    const lines = items.flatMap((item) => {
      const [label, style] = LOOK[item.status] ?? [item.status.toUpperCase(), 'reset']
      const head = `${colour(context, ['bold', style], label)}  ${item.title}`
      if (item.status === 'pass') return [head]
      return [head, `      ${item.detail}`, ...(item.fix ? [`      fix: ${item.fix}`] : [])]
    })
    const warned = items.filter((item) => item.status === 'warn').length
    lines.push('', `${items.length - failed - warned} passed, ${warned} to look at, ${failed} failed.`)
    context.out(lines.join('\n'))
  }
  if (failed) context.exit(EXIT.failure)
}
