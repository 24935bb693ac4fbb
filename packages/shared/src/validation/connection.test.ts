import { describe, expect, it } from 'vitest';
import { type ConnectableDoc, checkConnection, isValidConnection } from './connection';
import { testRegistry as registry } from './test-registry';

const doc: ConnectableDoc = {
  nodes: [
    { id: 'hook', type: 'trigger.webhook', config: { path: 'p' } },
    { id: 'map', type: 'transform', config: {} },
    { id: 'route', type: 'condition', config: { cases: [{ id: 'yes', rules: [{}] }] } },
    { id: 'send', type: 'delivery.http', config: { url: 'https://x' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'map' },
    { id: 'e2', source: 'map', target: 'route' },
    { id: 'e3', source: 'route', sourceHandle: 'yes', target: 'send' },
  ],
};

const reason = (c: Parameters<typeof checkConnection>[2]) => {
  const r = checkConnection(registry, doc, c);
  return r.ok ? 'ok' : r.reason;
};

describe('checkConnection / isValidConnection', () => {
  it('accepts a new edge between existing ports, with React Flow null handles meaning the defaults', () => {
    expect(reason({ source: 'hook', target: 'send' })).toBe('ok');
    expect(reason({ source: 'route', sourceHandle: 'else', target: 'send', targetHandle: null })).toBe('ok');
    expect(reason({ source: 'send', sourceHandle: 'error', target: 'map', targetHandle: 'in' })).toBe(
      'cycle',
    );
    expect(isValidConnection(registry, doc, { source: 'map', sourceHandle: null, target: 'send' })).toBe(
      true,
    );
  });

  it('rejects each rule with its reason', () => {
    expect(reason({ source: 'map', target: 'ghost' })).toBe('unknown_node');
    expect(reason({ source: 'map', target: 'map' })).toBe('self_loop');
    expect(reason({ source: 'map', target: 'hook' })).toBe('into_trigger');
    expect(reason({ source: 'route', target: 'send' })).toBe('unknown_source_port');
    expect(reason({ source: 'hook', sourceHandle: 'error', target: 'send' })).toBe('unknown_source_port');
    expect(reason({ source: 'map', target: 'send', targetHandle: 'side' })).toBe('unknown_target_port');
    expect(reason({ source: 'route', sourceHandle: 'yes', target: 'send' })).toBe('duplicate_edge');
    expect(reason({ source: 'send', target: 'route' })).toBe('cycle');
  });

  it('gives a message fit for a tooltip', () => {
    const r = checkConnection(registry, doc, { source: 'send', target: 'map' });
    expect(r).toEqual({ ok: false, reason: 'cycle', message: expect.stringContaining('"map"') });
    expect(isValidConnection(registry, doc, { source: 'send', target: 'map' })).toBe(false);
  });
});
