// Walks the audit chain in order and recomputes every block's hash: the first block that does not match is reported.
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditBlocks } from '../db/schema';
import { recomputeBlock } from './audit-block';
import { GENESIS_HASH } from './audit-hash';

/** `badSeq`: the `seq` of the first event of the block that does not match; `checked`: the events before it. */
export type AuditVerification =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; badSeq: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

export async function verifyAudit(db: Db, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditBlocks)
      .where(gt(auditBlocks.seq, after))
      .orderBy(asc(auditBlocks.seq))
      .limit(pageSize);
    for (const b of rows) {
      if (b.prevHash !== prevHash) return { ok: false, checked, badSeq: b.seq, reason: 'prev_hash_mismatch' };
      const { hash, count } = recomputeBlock(b);
      if (hash !== b.hash || count !== b.count)
        return { ok: false, checked, badSeq: b.seq, reason: 'hash_mismatch' };
      prevHash = b.hash;
      checked += count;
    }
    if (rows.length < pageSize) return { ok: true, checked, lastHash: prevHash };
    after = rows.at(-1)?.seq ?? after;
  }
}
