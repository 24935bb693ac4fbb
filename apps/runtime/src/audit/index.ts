// The audit trail: append (in the caller's transaction, one block per append), seal (chain committed blocks),
// list, verify the hash chain.
export { type AuditInput, appendAudit, appendAuditBatch, sendAuditBatch } from './append-audit';
export type { AuditEventRow } from './audit-block';
export { type AuditQuery, listAudit } from './list-audit';
export { type AuditSealer, sealAudit, startAuditSealer, unsealedBacklog } from './seal-audit';
export type { Tx } from './tx';
export { type AuditVerification, verifyAudit } from './verify-audit';
