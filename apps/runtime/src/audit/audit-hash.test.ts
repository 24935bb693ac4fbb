// canonicalJson must keep its exact output: every stored audit hash depends on it.
import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, toStoredJson } from './audit-hash';

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined keys and writes undefined array items as null', () => {
    const value = { b: 1, a: [2, undefined, { z: undefined, y: 'é', Y: null }], '10': true, '2': 'x"q' };
    expect(canonicalJson(value)).toBe('{"10":true,"2":"x\\"q","a":[2,null,{"Y":null,"y":"é"}],"b":1}');
  });

  it('writes scalars, null, empty containers and non-plain objects as before', () => {
    expect([null, undefined, 1.5, 'x', false, [], {}, new Date(0)].map(canonicalJson)).toEqual([
      'null',
      'null',
      '1.5',
      '"x"',
      'false',
      '[]',
      '{}',
      '{}',
    ]);
  });

  it('orders keys as Array#sort does, for few and many keys', () => {
    const keys = [
      'b',
      'B',
      'a',
      '_',
      'é',
      'aa',
      'A',
      '10',
      '9',
      '',
      'z',
      'Z',
      '~',
      'ab',
      'a b',
      'ß',
      'y',
      'x',
    ];
    for (const n of [2, 3, 5, 8, 16, 17, 18]) {
      const obj = Object.fromEntries(keys.slice(0, n).map((k, i) => [k, i]));
      const expected = `{${Object.keys(obj)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${obj[k]}`)
        .join(',')}}`;
      expect(canonicalJson(obj)).toBe(expected);
    }
  });

  it('gives the same chain hash as the first implementation (existing chains still verify)', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    const row = {
      at,
      actor: 'a',
      action: 'run.created',
      flowId: null,
      runId: 'run_1',
      stepId: null,
      data: { k: 1 },
    };
    expect(auditHash(GENESIS_HASH, row)).toBe(
      '78741f0228b7ae86b92fea996ee7bf604a973d7ac4b062953e47080e932e5d53',
    );
  });
});

describe('toStoredJson', () => {
  it('keeps plain JSON data as it is (no copy)', () => {
    const data = {
      nodeId: 'send',
      attempt: 1,
      ports: ['out'],
      ok: true,
      none: null,
      nested: { a: [1, 'b'] },
    };
    expect(toStoredJson(data)).toBe(data);
  });

  it('writes anything else as jsonb would store it', () => {
    expect(toStoredJson({ at: new Date(0) })).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    expect(toStoredJson({ a: undefined, b: [undefined, Number.NaN] })).toEqual({ b: [null, null] });
    expect(toStoredJson({ x: { toJSON: () => 'y' } })).toEqual({ x: 'y' });
    expect(toStoredJson(undefined)).toBeNull();
  });
});

describe('auditHash', () => {
  it('hashes exactly the canonical JSON of the row content', async () => {
    const { createHash } = await import('node:crypto');
    const rows = [
      {
        at: new Date(1),
        actor: 'w"1',
        action: 'step.succeeded',
        flowId: 'f',
        runId: null,
        stepId: 's\u00e9',
        data: { b: [1, { z: 1, a: null }], a: 'x' },
      },
      { at: new Date(2), actor: 'a', action: 'x', flowId: null, runId: null, stepId: null, data: null },
      { at: new Date(3), actor: 'a', action: 'x', flowId: null, runId: 'r', stepId: null, data: undefined },
    ];
    for (const r of rows) {
      const body = canonicalJson({ ...r, at: r.at.toISOString(), data: r.data ?? null });
      expect(auditHash('p', r)).toBe(createHash('sha256').update(`p\n${body}`).digest('hex'));
    }
  });
});
