// The example flows under examples/ are publishable, and an empty database loads them once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '@sluice/nodes';
import { validateFlow } from '@sluice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit';
import type { Database } from '../src/db/client';
import { listFlows } from '../src/flows';
import { loadExamples } from '../src/flows/load-examples';
import { createLogger } from '../src/logging/logger';
import { checkFlowSnippets } from '../src/snippets/flow-snippets';
import { createSnippetChecker } from '../src/snippets/type-checker';
import { pgliteDatabase } from './support/databases';

const DIR = join(import.meta.dirname, '../../../examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('examples', () => {
  let database: Database;
  beforeAll(async () => {
    database = await pgliteDatabase();
  });
  afterAll(() => database.close());

  it.each(files)('%s is a valid, publishable flow', (file) => {
    const doc = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    expect(validateFlow(doc, { registry })).toEqual([]);
    expect(checkFlowSnippets(doc, registry)).toEqual([]);
  });

  it.each(files)('%s: every snippet type-checks against its own declared input type', (file) => {
    const doc = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    const checker = createSnippetChecker();
    for (const node of doc.nodes.filter((n: { type: string }) => n.type === 'transform')) {
      const errors = checker.check(node.config.code, {}).filter((d) => d.severity === 'error');
      expect(errors, `${file} ${node.id}`).toEqual([]);
    }
  });

  it('loads every example into an empty database, and only then', async () => {
    const deps = { db: database.db, registry, hooks: [], log: createLogger('silent'), audit: appendAudit };
    expect(await loadExamples(deps, DIR)).toBe(files.length);
    expect(await loadExamples(deps, DIR)).toBe(0);
    const flows = await listFlows(database.db);
    expect(flows).toHaveLength(files.length);
    expect(flows.map((f) => f.name)).toContain('HR termination -> deprovision');
  });
});
