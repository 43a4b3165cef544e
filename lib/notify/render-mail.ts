import type { Config } from '@/lib/config'

export interface MailContent {
  subject: string
  /** The first line: what happened, or what to do. */
  heading: string
  paragraphs: string[]
  /** One button (a link in the text part). */
  action?: { label: string; url: string }
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

/** Who to ask, as every mail ends: the instance and its administrator's contact. */
function footerLines(config: Pick<Config, 'appUrl' | 'adminContact'>): string[] {
  const contact = config.adminContact.email ?? config.adminContact.url
  return [
    `Sent by Gatehouse at ${config.appUrl}.`,
    ...(contact ? [`Questions? Ask your administrator: ${contact}`] : []),
  ]
}

/**
 * A short mail in HTML and plain text with the same words: Gatehouse's name, the instance's address
 * and the administrator's contact. Every value is escaped, so a user's name cannot add markup.
 */
export function renderMail(config: Pick<Config, 'appUrl' | 'adminContact'>, content: MailContent) {
  const footer = footerLines(config)
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    '--',
    ...footer,
  ].join('\n')
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#18181b;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="color:#71717a;font-size:12px;word-break:break-all">Or open this address: ${escapeHtml(content.action.url)}</p>`
    : ''
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#fafafa;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#18181b">
<div style="max-width:520px;margin:0 auto;background:#fff;border:1px solid #e4e4e7;border-radius:12px;padding:24px">
<p style="font-weight:600;margin:0 0 16px">Gatehouse</p>
<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((paragraph) => `<p style="line-height:1.5">${escapeHtml(paragraph)}</p>`).join('\n')}
${button}
<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0 12px">
${footer.map((line) => `<p style="color:#71717a;font-size:12px;margin:4px 0">${escapeHtml(line)}</p>`).join('\n')}
</div></body></html>`
  return { subject: content.subject, text, html }
}
