import { AppError } from '@/lib/errors'
import { route } from '@/lib/http/route'
import { securityTxt } from '@/lib/http/security-txt'

// GET /.well-known/security.txt: how to report a vulnerability (RFC 9116), from ADMIN_CONTACT_*; 404 without one (public)
export const GET = route(
  { summary: 'how to report a vulnerability (RFC 9116), from ADMIN_CONTACT_*; 404 without one', auth: 'none' },
  async ({ runtime }) => {
    const body = securityTxt(runtime.config)
    if (!body)
      throw new AppError('not_found', 'No security contact is configured (ADMIN_CONTACT_EMAIL, ADMIN_CONTACT_URL)')
    return new Response(body, {
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
    })
  },
)
