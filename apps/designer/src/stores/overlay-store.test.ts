import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../api/types';
import { issuesByNode, latestSteps } from './overlay-store';

describe('issuesByNode', () => {
  it('groups by nodeId, else by the node index in the path, and skips flow-level issues', () => {
    const out = issuesByNode(
      [
        { code: 'bad_config', message: 'url: required', path: ['nodes', 1, 'config', 'url'], nodeId: 'http' },
        { code: 'bad_config', message: 'path', path: ['nodes', 0, 'config', 'path'] },
        { code: 'no_trigger', message: 'no trigger', path: [] },
      ],
      ['hook', 'http'],
    );
    expect(Object.keys(out)).toEqual(['http', 'hook']);
    expect(out.hook?.[0]?.message).toBe('path');
  });
});

describe('latestSteps', () => {
  it('keeps the latest attempt per node and counts attempts', () => {
    const steps: StepRecord[] = [
      { nodeId: 'a', status: 'succeeded', attempt: 1 },
      { nodeId: 'b', status: 'failed', attempt: 1 },
      { nodeId: 'b', status: 'failed', attempt: 3 },
      { nodeId: 'b', status: 'failed', attempt: 2 },
    ];
    const out = latestSteps(steps);
    expect(out.a).toMatchObject({ status: 'succeeded', attemptCount: 1 });
    expect(out.b).toMatchObject({ attempt: 3, attemptCount: 3 });
  });
});
