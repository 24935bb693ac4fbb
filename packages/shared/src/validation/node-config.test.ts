import { describe, expect, it } from 'vitest';
import { nodePorts, parseNodeConfig } from './node-config';
import { testRegistry as registry } from './test-registry';

const cond = { type: 'condition', config: { cases: [{ id: 'leaver', rules: [{}] }] } };

describe('parseNodeConfig', () => {
  it('returns the parsed config with defaults applied', () => {
    const p = parseNodeConfig(registry, { type: 'delivery.http', config: { url: 'https://x' } });
    expect(p).toMatchObject({ ok: true, config: { url: 'https://x', method: 'POST' } });
  });

  it('treats a missing config as {}', () => {
    expect(parseNodeConfig(registry, { type: 'transform' })).toMatchObject({ ok: true });
  });

  it('returns the zod issues of a bad config', () => {
    const p = parseNodeConfig(registry, { type: 'delivery.http', config: { url: '' } });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.reason).toBe('bad_config');
    expect(p.issues.map((i) => i.path)).toEqual([['url']]);
  });

  it('reports an unknown type', () => {
    expect(parseNodeConfig(registry, { type: 'nope', config: {} })).toEqual({
      ok: false,
      reason: 'unknown_type',
      issues: [],
    });
  });
});

describe('nodePorts', () => {
  it('adds the implicit error port to non-triggers', () => {
    expect(nodePorts(registry, cond)).toEqual({
      inputs: [{ id: 'in' }],
      outputs: [{ id: 'leaver' }, { id: 'else' }, { id: 'error', label: 'Error' }],
    });
  });

  it('gives triggers no inputs and no error port', () => {
    expect(nodePorts(registry, { type: 'trigger.webhook', config: { path: 'x' } })).toEqual({
      inputs: [],
      outputs: [{ id: 'out' }],
    });
  });

  it('still computes outputs from a config that does not parse, when it can', () => {
    const editing = { type: 'condition', config: { cases: [{ id: 'half-done' }] } };
    expect(nodePorts(registry, editing).outputs.map((p) => p.id)).toEqual(['half-done', 'else', 'error']);
    const broken = { type: 'condition', config: { cases: 'not a list' } };
    expect(nodePorts(registry, broken).outputs.map((p) => p.id)).toEqual(['error']);
  });

  it('is empty for an unknown type', () => {
    expect(nodePorts(registry, { type: 'nope' })).toEqual({ inputs: [], outputs: [] });
  });
});
