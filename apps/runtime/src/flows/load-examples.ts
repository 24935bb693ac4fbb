// Loads the example flows (examples/*.json) into a database that has never had a flow, as drafts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowDocumentSchema } from '@sluice/shared';
import { count } from 'drizzle-orm';
import { flows } from '../db/schema';
import { createFlow } from './flow-drafts';
import type { FlowsDeps } from './flows-deps';

/**
 * Imports every valid `*.json` of `dir` when the flows table is empty (deleted flows count: deleting the
 * examples does not bring them back). Returns how many were imported; bad files are logged and skipped.
 */
export async function loadExamples(deps: FlowsDeps, dir: string): Promise<number> {
  const [row] = await deps.db.select({ n: count() }).from(flows);
  if ((row?.n ?? 0) > 0) return 0;
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return 0;
  }
  let loaded = 0;
  for (const file of files) {
    try {
      const doc = FlowDocumentSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      await createFlow(deps, 'system', doc);
      loaded++;
    } catch (err) {
      deps.log.warn({ err, file }, 'skipped an example flow that does not parse');
    }
  }
  if (loaded) deps.log.info({ loaded, dir }, 'loaded example flows');
  return loaded;
}
