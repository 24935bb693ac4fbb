// What the flows service works with: the database, the node registry, publish hooks and the audit writer.
import type { NodeRegistry } from '@sluice/shared';
import type { Db } from '../db/client';
import type { Logger } from '../logging/logger';
import type { FlowHooks } from './flow-hooks';

/** A database handle or an open transaction. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface FlowAuditEvent {
  actor: string;
  action: `flow.${string}`;
  flowId: string;
  data?: unknown;
}

export interface FlowsDeps {
  db: Db;
  registry: NodeRegistry;
  hooks: readonly FlowHooks[];
  log: Logger;
  /** Appends an audit event inside the change's transaction (audit/appendAudit). */
  audit(tx: Tx, event: FlowAuditEvent): Promise<void>;
}
