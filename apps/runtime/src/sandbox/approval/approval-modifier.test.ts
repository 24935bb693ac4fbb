// runApprovalModifier with the real sandbox: changes applied until a fixed point, bad changes and loops refused.
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger';
import { createSandbox } from '../sandbox';
import type { ApprovalState } from './approval-changes';
import { runApprovalModifier } from './approval-modifier';

const sandbox = createSandbox({
  poolSize: 1,
  memoryLimitMb: 32,
  maxTimeoutMs: 1000,
  log: createLogger('silent'),
});
afterAll(() => sandbox.dispose());

const state: ApprovalState = {
  requestId: 'apr_1',
  subject: { amount: 25_000, requester: 'u_ada' },
  phases: [
    {
      id: 'managers',
      authorizationsRequired: 1,
      rejectionsRequired: 1,
      authorizers: [
        { id: 'u_bob', kind: 'user', weight: 1, status: 'A' },
        { id: 'u_ada', kind: 'user', weight: 1, status: 'O' },
      ],
    },
  ],
};

/** Above 10k a CFO phase is added; the requester never approves their own request. */
const modifier = `export default (state: any, ctx: SnippetContext) => {
  const managers = state.phases.find((p: any) => p.id === 'managers');
  const self = managers.authorizers.find((a: any) => a.id === state.subject.requester && a.status !== 'I');
  if (self) return { phases: [{ id: 'managers', set: [{ authorizerId: self.id, status: 'I' }] }] };
  if (state.subject.amount > 10000 && !state.phases.some((p: any) => p.id === 'cfo')) {
    ctx.log('adding a CFO phase');
    return { addPhases: [{ id: 'cfo', authorizationsRequired: 1, rejectionsRequired: 1,
      authorizers: [{ id: 'u_cfo', kind: 'user', weight: 1, status: 'P' }] }] };
  }
  return null;
};`;

describe('runApprovalModifier', () => {
  it('applies changes round by round until nothing changes', async () => {
    const r = await runApprovalModifier(sandbox, modifier, state);
    expect(r.rounds).toBe(3);
    expect(r.changes).toHaveLength(2);
    expect(r.state.phases.map((p) => p.id)).toEqual(['managers', 'cfo']);
    expect(r.state.phases[0]!.authorizers.find((a) => a.id === 'u_ada')!.status).toBe('I');
    expect(r.logs).toEqual(['adding a CFO phase']);
    expect(state.phases).toHaveLength(1); // the input state is not modified
    // Re-runnable: on its own result the modifier changes nothing.
    expect(await runApprovalModifier(sandbox, modifier, r.state)).toMatchObject({ rounds: 1, changes: [] });
  });

  it('refuses invalid changes with the field named', async () => {
    const bad = 'export default () => ({ phases: [{ id: "managers", authorizationsRequired: -1 }] });';
    await expect(runApprovalModifier(sandbox, bad, state)).rejects.toMatchObject({
      code: 'ApprovalModifierInvalid',
      message: expect.stringContaining('phases.0.authorizationsRequired'),
    });
    const unknown = 'export default () => ({ phases: [{ id: "nope", rejectionsRequired: 2 }] });';
    await expect(runApprovalModifier(sandbox, unknown, state)).rejects.toMatchObject({
      message: 'changes name phase "nope", which does not exist',
    });
  });

  it('stops a modifier that never settles', async () => {
    const flip = `export default (s: any) => ({ phases: [{ id: 'managers',
      authorizationsRequired: s.phases[0].authorizationsRequired === 1 ? 2 : 1 }] });`;
    await expect(runApprovalModifier(sandbox, flip, state, { maxRounds: 4 })).rejects.toMatchObject({
      code: 'ApprovalModifierLoop',
      retryable: false,
    });
  });
});
