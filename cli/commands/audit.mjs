import { readFileSync } from 'node:fs'
import { EXIT, usage } from '../errors.mjs'
import { callAsUser } from '../session.mjs'

/** `gatehouse audit checkpoint > FILE`: the signed chain head, as one JSON document to keep elsewhere. */
export async function auditCheckpoint(context) {
  context.out(JSON.stringify(await callAsUser(context, '/api/v1/admin/audit/checkpoint'), null, 2))
}

/** The signature from a file `audit checkpoint` wrote (or the bare JWS on its own). */
function signatureIn(file) {
  let text
  try {
    text = readFileSync(file, 'utf8').trim()
  } catch (error) {
    throw usage(`cannot read the checkpoint file ${file}: ${error.code ?? error.message}`)
  }
  if (!text.startsWith('{')) return text
  try {
    const { signature } = JSON.parse(text)
    if (typeof signature === 'string') return signature
  } catch {}
  throw usage(`${file} is not a checkpoint: it has no "signature"`)
}

const REASONS = {
  broken: 'an event was changed or removed',
  truncated: 'events up to the checkpoint were cut off the end of the log',
  altered: 'the event the checkpoint names is not the one it signed',
}

/** `gatehouse audit verify [--checkpoint FILE]`: exits 1 when the log is not intact. */
export async function auditVerify(context, options) {
  const query = options.checkpoint ? `?checkpoint=${encodeURIComponent(signatureIn(options.checkpoint))}` : ''
  const verdict = await callAsUser(context, `/api/v1/admin/audit/verify${query}`)
  if (context.json) context.out(JSON.stringify(verdict))
  else if (verdict.ok)
    context.out(
      `The audit log is intact: ${verdict.checked} events checked${options.checkpoint ? ', nothing cut off since the checkpoint' : ''}.`,
    )
  else
    context.out(
      `The audit log is NOT intact: ${REASONS[verdict.reason] ?? 'the chain does not verify'}${verdict.first_bad_id ? ` (first bad event ${verdict.first_bad_id})` : ''}; ${verdict.checked} events checked.`,
    )
  if (!verdict.ok) context.exit(EXIT.failure)
}
