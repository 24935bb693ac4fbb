// Walks the audit chain in order and recomputes every block's hash: the first block that does not match is reported.
import { gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditChain } from '../db/schema';
import { recomputeBlock } from './audit-block';
import { GENESIS_HASH } from './audit-hash';
import { readSealed } from './list-audit';
import { sealAudit } from './seal-audit';

/** `badSeq`: the `seq` of the first event of the block that does not match; `checked`: the events before it. */
export type AuditVerification =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; badSeq: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/** Seals what has committed, then checks the whole chain. */
export async function verifyAudit(db: Db, pageSize = 1000): Promise<AuditVerification> {
  await sealAudit(db);
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await readSealed(db, gt(auditChain.seq, after), pageSize);
    for (const b of rows) {
      if (b.prevHash !== prevHash) return { ok: false, checked, badSeq: b.seq, reason: 'prev_hash_mismatch' };
      if (!matches(b)) return { ok: false, checked, badSeq: b.seq, reason: 'hash_mismatch' };
      prevHash = b.hash;
      checked += b.count;
    }
    if (rows.length < pageSize) return { ok: true, checked, lastHash: prevHash };
    after = rows.at(-1)?.seq ?? after;
  }
}

function matches(b: Parameters<typeof recomputeBlock>[0]): boolean {
  try {
    const { hash, count } = recomputeBlock(b);
    return hash === b.hash && count === b.count;
  } catch {
    return false; // events that no longer parse
  }
}
