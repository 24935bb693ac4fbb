// validateFlow against the real node registry: the descriptors and the validator agree on configs and ports.
import { checkConnection, nodePorts, validateFlow } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { registry } from '../descriptors';

function hrFlow(): {
  name: string;
  nodes: { id: string; type: string; config: Record<string, unknown> }[];
  edges: { id: string; source: string; target: string; sourceHandle?: string }[];
} {
  return {
    name: 'HR termination -> deprovision',
    nodes: [
      {
        id: 'hr',
        type: 'trigger.webhook',
        config: { path: 'hr-events', auth: { kind: 'hmac', secret: 'whsec_abcdefgh' } },
      },
      { id: 'nightly', type: 'trigger.schedule', config: { cron: '0 2 * * *', timezone: 'Europe/Berlin' } },
      { id: 'toScim', type: 'transform', config: { code: 'export default (i) => ({ userName: i.email })' } },
      {
        id: 'isTerminated',
        type: 'condition',
        config: { cases: [{ id: 'terminated', rules: [{ field: 'status', operator: 'eq', value: 'T' }] }] },
      },
      { id: 'wait14d', type: 'delay', config: { mode: 'until', field: 'terminationDate', offset: 'P14D' } },
      {
        id: 'deprovision',
        type: 'delivery.http',
        config: { method: 'DELETE', url: 'https://scim.example/Users/{{input.id}}' },
      },
      { id: 'audit', type: 'delivery.http', config: { url: 'https://siem.example/events' } },
      { id: 'page', type: 'delivery.http', config: { url: 'https://pager.example/alert' } },
    ],
    edges: [
      { id: 'e1', source: 'hr', target: 'toScim' },
      { id: 'e2', source: 'nightly', target: 'toScim' },
      { id: 'e3', source: 'toScim', target: 'isTerminated' },
      { id: 'e4', source: 'toScim', target: 'audit' },
      { id: 'e5', source: 'isTerminated', sourceHandle: 'terminated', target: 'wait14d' },
      { id: 'e6', source: 'isTerminated', sourceHandle: 'else', target: 'audit' },
      { id: 'e7', source: 'wait14d', target: 'deprovision' },
      { id: 'e8', source: 'deprovision', sourceHandle: 'error', target: 'page' },
    ],
  };
}

describe('validateFlow with the real registry', () => {
  it('accepts a realistic flow: two triggers, fan-out, condition cases, delay, error port', () => {
    expect(validateFlow(hrFlow(), { registry })).toEqual([]);
  });

  it('names the node and field of a bad delivery.http config', () => {
    const doc = hrFlow();
    doc.nodes[5]!.config = { method: 'DELETE', url: '' };
    const problems = validateFlow(doc, { registry });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'bad_config',
        path: ['nodes', 5, 'config', 'url'],
        nodeId: 'deprovision',
      }),
    ]);
  });

  it('knows a condition in code mode has `true`/`false` ports, not its cases', () => {
    const doc = hrFlow();
    doc.nodes[3]!.config = { mode: 'code', code: 'export default (i) => i.status === "T"' };
    const problems = validateFlow(doc, { registry });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown_source_port', ['edges', 4, 'sourceHandle']],
      ['unknown_source_port', ['edges', 5, 'sourceHandle']],
    ]);
  });

  it('reports a webhook path that another published flow owns', () => {
    const problems = validateFlow(hrFlow(), {
      registry,
      publishedWebhookPaths: new Map([['hr-events', 'flw_other']]),
      flowId: 'flw_this',
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['duplicate_webhook_path', ['nodes', 0, 'config', 'path']],
    ]);
  });

  it('gives every non-trigger the error port and the canvas rule refuses edges into triggers', () => {
    const doc = hrFlow();
    expect(nodePorts(registry, doc.nodes[4]!).outputs.map((p) => p.id)).toEqual(['out', 'error']);
    expect(nodePorts(registry, doc.nodes[0]!).outputs.map((p) => p.id)).toEqual(['out']);
    expect(checkConnection(registry, doc, { source: 'audit', target: 'hr' })).toMatchObject({
      ok: false,
      reason: 'into_trigger',
    });
  });
});
