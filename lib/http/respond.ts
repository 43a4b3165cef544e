import { NextResponse } from 'next/server'

/** A JSON answer; `data` should already be the whitelisted, snake_cased DTO. */
export function json(data: unknown, init: ResponseInit = {}): NextResponse {
  return NextResponse.json(data, init)
}

export function noContent(): NextResponse {
  return new NextResponse(null, { status: 204 })
}

/** 202: taken; what follows (a mail) happens after the answer, which says nothing more. */
export function accepted(): NextResponse {
  return new NextResponse(null, { status: 202 })
}
