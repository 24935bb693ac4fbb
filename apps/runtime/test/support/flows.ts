// Flow documents for tests: a valid webhook -> transform -> HTTP delivery flow with a unique webhook path.
import type { FlowDocumentInput } from '@sluice/shared';

/** A webhook path no other test shares (the test database is shared by every file of a run). */
export const uniquePath = (label = 'hook') => `${label}-${Math.random().toString(36).slice(2, 10)}`;

/** A publishable flow: webhook trigger -> transform -> delivery.http. */
export function webhookFlow(path = uniquePath(), name = 'HR termination -> deprovision'): FlowDocumentInput {
  return {
    name,
    nodes: [
      { id: 'hr', type: 'trigger.webhook', position: { x: 0, y: 0 }, config: { path } },
      {
        id: 'toScim',
        type: 'transform',
        position: { x: 200, y: 0 },
        config: { code: 'export default (input: any) => ({ user: input.id })' },
      },
      {
        id: 'send',
        type: 'delivery.http',
        position: { x: 400, y: 0 },
        config: { url: 'http://127.0.0.1:9/scim/Users' },
        retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 1000 } },
      },
    ],
    edges: [
      { id: 'e1', source: 'hr', target: 'toScim' },
      { id: 'e2', source: 'toScim', target: 'send' },
    ],
  };
}
