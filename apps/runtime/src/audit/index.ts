// The audit trail: append (in the caller's transaction), list, verify the hash chain.
export { type AuditInput, appendAudit, appendAuditBatch, lockAuditChainEarly } from './append-audit';
export { type AuditQuery, listAudit } from './list-audit';
export type { Tx } from './tx';
export { type AuditVerification, verifyAudit } from './verify-audit';
