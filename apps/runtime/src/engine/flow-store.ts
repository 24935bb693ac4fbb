// Loads flow versions for execution: immutable, so each is parsed and compiled once and kept in memory.
import { FlowDocumentSchema } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { flows, flowVersions } from '../db/schema';
import { compileFlow, type FlowGraph } from './rules/flow-graph';

export class FlowStore {
  private cache = new Map<string, FlowGraph>();

  constructor(
    private readonly db: Db,
    private readonly max = 500,
  ) {}

  /** The compiled version, or undefined when it does not exist. */
  async get(flowId: string, version: number): Promise<FlowGraph | undefined> {
    const key = `${flowId}@${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const [row] = await this.db
      .select({ document: flowVersions.document })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
    if (!row) return undefined;
    const graph = compileFlow(FlowDocumentSchema.parse(row.document));
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, graph);
    return graph;
  }

  /** The published version number of a live flow, or null. */
  async publishedVersion(flowId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ v: flows.publishedVersion, deletedAt: flows.deletedAt })
      .from(flows)
      .where(eq(flows.id, flowId));
    return row && !row.deletedAt ? row.v : null;
  }
}
