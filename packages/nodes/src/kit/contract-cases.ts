// The contract table: one row per node kind with a minimal valid config and a clearly bad one. Test-only.

export interface ContractCase {
  /** The smallest config a user could save: the kind's documented minimal example. */
  minimal: Record<string, unknown>;
  /** A config that must be rejected, and the top-level field its issue must name. */
  bad: { config: Record<string, unknown>; field: string };
}

/** Adding a node kind? Add its row here; the contract suite fails for a kind without one. */
export const CONTRACT_CASES: Record<string, ContractCase> = {
  'trigger.webhook': {
    minimal: { path: 'hr-events' },
    bad: { config: { path: 'Not A Path!' }, field: 'path' },
  },
  'trigger.manual': {
    minimal: {},
    bad: { config: { samplePayload: 'not an object' }, field: 'samplePayload' },
  },
  'trigger.schedule': {
    minimal: { cron: '0 2 * * *' },
    bad: { config: { cron: 'every night' }, field: 'cron' },
  },
  transform: {
    minimal: { code: 'export default (input) => ({ user: input.id })' },
    bad: { config: { code: '' }, field: 'code' },
  },
  condition: {
    minimal: { cases: [{ id: 'leaver', rules: [{ field: 'status', operator: 'eq', value: 'terminated' }] }] },
    bad: { config: { mode: 'code' }, field: 'code' },
  },
  delay: {
    minimal: { mode: 'duration', duration: 'P14D' },
    bad: { config: { mode: 'duration', duration: '14 days' }, field: 'duration' },
  },
  'delivery.http': {
    minimal: { url: 'https://consumer.example/scim/v2/Users' },
    bad: { config: { url: '' }, field: 'url' },
  },
};
