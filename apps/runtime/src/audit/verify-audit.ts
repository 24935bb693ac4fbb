// Walks the audit chain in order and recomputes every hash: the first row that does not match is reported.
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { auditHash, GENESIS_HASH } from './audit-hash';

export type AuditVerification =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; badSeq: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

export async function verifyAudit(db: Db, pageSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, after))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const r of rows) {
      if (r.prevHash !== prevHash) return { ok: false, checked, badSeq: r.seq, reason: 'prev_hash_mismatch' };
      if (auditHash(prevHash, r) !== r.hash)
        return { ok: false, checked, badSeq: r.seq, reason: 'hash_mismatch' };
      prevHash = r.hash;
      checked++;
    }
    if (rows.length < pageSize) return { ok: true, checked, lastHash: prevHash };
    after = rows.at(-1)?.seq ?? after;
  }
}
