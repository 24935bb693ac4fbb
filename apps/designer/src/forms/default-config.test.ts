import { delay, deliveryHttp, descriptors, transform, webhookTrigger } from '@sluice/nodes';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from './default-config';
import { getIn, setIn } from './set-in';

describe('defaultConfig', () => {
  it('uses zod defaults when {} parses', () => {
    expect(defaultConfig(transform).code).toContain('export default');
  });

  it('fills required fields and defaults when {} does not parse', () => {
    expect(defaultConfig(deliveryHttp)).toMatchObject({
      method: 'POST',
      url: '',
      auth: { kind: 'none' },
      timeoutMs: 10_000,
    });
    expect(defaultConfig(webhookTrigger)).toMatchObject({ path: '', auth: { kind: 'none' } });
  });

  it('picks the first variant of a root union', () => {
    expect(defaultConfig(delay)).toEqual({ mode: 'duration', duration: '' });
  });

  it('gives every kind an object', () => {
    for (const d of descriptors) expect(typeof defaultConfig(d)).toBe('object');
  });
});

describe('setIn / getIn', () => {
  it('writes nested values without touching the original', () => {
    const a = { auth: { kind: 'bearer', token: 'x' }, list: [{ id: 'a' }] };
    const b = setIn(a, ['list', 0, 'id'], 'b');
    expect(getIn(b, ['list', 0, 'id'])).toBe('b');
    expect(a.list[0]?.id).toBe('a');
    expect(b.auth).toBe(a.auth);
  });

  it('removes a key when set to undefined and creates missing containers', () => {
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(setIn({}, ['x', 'y'], 1)).toEqual({ x: { y: 1 } });
  });
});
