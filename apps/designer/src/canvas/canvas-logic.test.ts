import { descriptors } from '@sluice/nodes';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../shell/use-hash-route';
import { groupDescriptors } from './palette';
import { checkConfig } from './use-config-check';

describe('palette grouping', () => {
  it('groups every kind by category, triggers first', () => {
    const groups = groupDescriptors(descriptors, '');
    expect(groups[0]?.label).toBe('Triggers');
    expect(groups.flatMap((g) => g.items).length).toBe(descriptors.length);
  });

  it('filters by label, type or description', () => {
    expect(groupDescriptors(descriptors, 'http').flatMap((g) => g.items.map((d) => d.type))).toEqual([
      'delivery.http',
    ]);
    expect(groupDescriptors(descriptors, 'zzz')).toEqual([]);
  });
});

describe('checkConfig', () => {
  it('names the first problem once and maps problems to fields', () => {
    const r = checkConfig('delivery.http', { url: '', auth: { kind: 'bearer', token: '' } });
    expect(r.problem).toBe('url: required');
    expect(r.byField).toMatchObject({
      url: 'url: required',
      'auth.token': 'token: required for bearer auth',
    });
  });

  it('gives the summary of a valid config and flags unknown kinds', () => {
    expect(checkConfig('delivery.http', { url: 'https://x.example' }).summary).toBe('POST https://x.example');
    expect(checkConfig('nope', {}).problem).toMatch(/unknown node kind/);
  });
});

describe('parseHash', () => {
  it('routes the list, a flow and a new flow', () => {
    expect(parseHash('')).toEqual({ page: 'flows' });
    expect(parseHash('#/flows/flw_1')).toEqual({ page: 'flow', id: 'flw_1' });
    expect(parseHash('#/flows/new')).toEqual({ page: 'flow', id: null });
  });
});
