// The contract every node kind meets, run against each descriptor (like Hono's common router cases).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NodeCategory, NodeDescriptor } from '@sluice/shared';
import { ERROR_PORT, isTrigger } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { descriptors } from '../descriptors';
import { executorList } from '../executors';
import { CONTRACT_CASES } from './contract-cases';
import { schemaFieldNames } from './contract-schema-fields';

const CATEGORIES: NodeCategory[] = [
  'trigger',
  'logic',
  'transform',
  'timing',
  'delivery',
  'approval',
  'data',
];
const SRC = fileURLToPath(new URL('..', import.meta.url));
const TABLE = 'packages/nodes/src/kit/contract-cases.ts';

/** `trigger.webhook` lives in `trigger-webhook/`. */
const folderOf = (type: string) => type.replace(/\./g, '-');

const kindFolders = readdirSync(SRC).filter(
  (f) =>
    f !== 'kit' && statSync(`${SRC}/${f}`).isDirectory() && readdirSync(`${SRC}/${f}`).includes('index.ts'),
);

function caseFor(d: NodeDescriptor) {
  const row = CONTRACT_CASES[d.type];
  if (!row) {
    throw new Error(`node kind "${d.type}" has no row in the contract table: add one to ${TABLE}`);
  }
  return row;
}

describe('the node registry', () => {
  it('has unique types', () => {
    const types = descriptors.map((d) => d.type);
    expect(new Set(types).size, `duplicate types in ${types.join(', ')}`).toBe(types.length);
  });

  it('registers every kind folder in descriptors.ts', () => {
    const registered = descriptors.map((d) => folderOf(d.type)).sort();
    expect(registered, 'a folder under packages/nodes/src is not listed in descriptors.ts').toEqual(
      [...kindFolders].sort(),
    );
  });

  it('has no contract row for a kind that does not exist', () => {
    const stale = Object.keys(CONTRACT_CASES).filter((t) => !descriptors.some((d) => d.type === t));
    expect(stale, `remove these rows from ${TABLE}`).toEqual([]);
  });

  it('has a descriptor for every executor, and at most one executor per type', () => {
    const types = executorList.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    for (const t of types)
      expect(
        descriptors.some((d) => d.type === t),
        `executor "${t}" has no descriptor`,
      ).toBe(true);
  });
});

describe.each(descriptors.map((d) => [d.type, d] as const))('node kind %s', (type, d) => {
  it('has a row in the contract table', () => {
    expect(CONTRACT_CASES[type], `add a row for "${type}" to ${TABLE}`).toBeDefined();
  });

  it('lives in the folder named after its type and is exported by its index.ts', async () => {
    expect(kindFolders, `expected the folder packages/nodes/src/${folderOf(type)}/`).toContain(
      folderOf(type),
    );
    const mod: Record<string, unknown> = await import(`../${folderOf(type)}/index.ts`);
    expect(Object.values(mod)).toContain(d);
  });

  it('declares its label, description, icon, category and version', () => {
    expect(d.label.trim()).not.toBe('');
    expect(d.description.trim()).not.toBe('');
    expect(d.icon).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(CATEGORIES).toContain(d.category);
    expect(Number.isInteger(d.version) && d.version >= 1).toBe(true);
  });

  it('parses its minimal config into JSON-serialisable data, and parsing again changes nothing', () => {
    const parsed = d.config.safeParse(caseFor(d).minimal);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const data = parsed.data;
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(d.config.parse(data)).toEqual(data);
  });

  it('rejects a bad config with an issue whose path names the field', () => {
    const { config, field } = caseFor(d).bad;
    const result = d.config.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('rejects a config that is not an object', () => {
    expect(d.config.safeParse('a string').success).toBe(false);
  });

  it('declares unique output ports for its minimal config, without the implicit error port', () => {
    const ids = d.outputs(d.config.parse(caseFor(d).minimal)).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size, `repeated output ports: ${ids.join(', ')}`).toBe(ids.length);
    expect(ids).not.toContain(ERROR_PORT);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  it(
    isTrigger(d) ? 'is a trigger: no inputs and no error port' : 'has the input `in` and an error port',
    () => {
      if (isTrigger(d)) {
        expect(d.inputs).toEqual([]);
        expect(d.hasErrorPort).toBe(false);
      } else {
        expect(d.inputs.map((p) => p.id)).toContain('in');
        expect(d.hasErrorPort).toBe(true);
      }
    },
  );

  it('summarises its minimal config in a non-empty line', () => {
    expect(d.ui.summary, 'ui.summary is missing').toBeTypeOf('function');
    const line = d.ui.summary!(d.config.parse(caseFor(d).minimal));
    expect(typeof line === 'string' && line.trim().length > 0).toBe(true);
    expect(line).not.toContain('\n');
  });

  it('names only schema fields in ui.fields and ui.codeField', () => {
    const fields = schemaFieldNames(d.config);
    expect(fields.size, 'the config schema exposes no fields').toBeGreaterThan(0);
    for (const name of Object.keys(d.ui.fields ?? {})) {
      expect(fields.has(name), `ui.fields.${name} is not a field of the config schema`).toBe(true);
    }
    if (d.ui.codeField) expect(fields.has(d.ui.codeField), `ui.codeField ${d.ui.codeField}`).toBe(true);
  });
});
