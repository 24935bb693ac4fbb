// The audit trail: append (in the caller's transaction, one block per append), list, verify the hash chain.
export {
  AUDIT_HEAD_MOVED,
  type AuditInput,
  appendAudit,
  appendAuditBatch,
  appendAuditExpecting,
  lockAuditChainEarly,
} from './append-audit';
export type { AuditEventRow } from './audit-block';
export { ChainHead } from './chain-head';
export { type AuditQuery, listAudit } from './list-audit';
export type { Tx } from './tx';
export { type AuditVerification, verifyAudit } from './verify-audit';
