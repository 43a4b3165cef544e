import 'server-only'
import { asc, gt } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { auditLog } from '@/db/schema'
import { chainHash, GENESIS_HASH } from './chain'

export interface ChainVerdict {
  ok: boolean
  checked: number
  firstBadId?: string
}

const BATCH = 1000

/** Walks the chain in order; the first row whose seq, link or hash does not match is reported. */
export async function verifyAuditChain(db: Executor): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  let checked = 0
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH)
    for (const row of rows) {
      const intact = row.seq === expectedSeq && row.prevHash === prevHash && chainHash(row) === row.hash
      if (!intact) return { ok: false, checked, firstBadId: row.id }
      prevHash = row.hash
      expectedSeq++
      checked++
    }
    if (rows.length < BATCH) return { ok: true, checked }
  }
}
