// Typed calls of every public API route the designer uses (ARCHITECTURE.md section 8), one function each.
import type { FlowDocument } from '@sluice/shared';
import { api } from './client';
import type {
  FlowRecord,
  FlowSummary,
  FlowVersionInfo,
  RunDetail,
  RunSummary,
  SnippetDiagnostic,
  SnippetTestResult,
  ValidationIssue,
} from './types';

type Draft = Omit<FlowDocument, 'id' | 'version'>;

const unwrap = <T>(v: T[] | Record<string, unknown>, key: string): T[] =>
  Array.isArray(v) ? v : ((v[key] as T[]) ?? (v.items as T[]) ?? []);

export const flowsApi = {
  list: async () => unwrap<FlowSummary>(await api('GET', '/api/flows'), 'flows'),
  get: (id: string, version?: number) =>
    api<FlowRecord>('GET', `/api/flows/${id}${version ? `?version=${version}` : ''}`),
  create: (doc: Draft) => api<FlowRecord>('POST', '/api/flows', doc),
  save: (id: string, doc: Draft) => api<FlowRecord>('PUT', `/api/flows/${id}`, doc),
  publish: (id: string) => api<FlowRecord>('POST', `/api/flows/${id}/publish`),
  remove: (id: string) => api<unknown>('DELETE', `/api/flows/${id}`),
  versions: async (id: string) =>
    unwrap<FlowVersionInfo>(await api('GET', `/api/flows/${id}/versions`), 'versions'),
  validate: (doc: Draft, flowId?: string | null) =>
    api<{ valid: boolean; errors: ValidationIssue[] }>(
      'POST',
      `/api/flows/validate${flowId ? `?flowId=${encodeURIComponent(flowId)}` : ''}`,
      doc,
    ),
  import: (doc: unknown) => api<unknown>('POST', '/api/flows/import', doc),
  export: (id: string) => api<FlowDocument>('GET', `/api/flows/${id}/export`),
  runManually: (id: string, payload: unknown) =>
    api<{ runId: string }>('POST', `/api/flows/${id}/runs`, { payload }),
};

export interface RunQuery {
  flowId?: string;
  status?: string;
  limit?: number;
}

export type ReplayFrom = 'failed' | 'start';
export type ReplayVersion = 'original' | 'current';

export const runsApi = {
  list: async (q: RunQuery) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
    return unwrap<RunSummary>(await api('GET', `/api/runs?${params}`), 'runs');
  },
  get: (id: string) => api<RunDetail>('GET', `/api/runs/${id}`),
  replay: (id: string, from: ReplayFrom, version: ReplayVersion) =>
    api<{ runId: string }>('POST', `/api/runs/${id}/replay`, { from, version }),
  replayBulk: (body: {
    flowId: string;
    status: 'failed';
    since: string;
    until: string;
    from: ReplayFrom;
    version: ReplayVersion;
  }) => api<{ runIds: string[] }>('POST', '/api/runs/replay', body),
  cancel: (id: string) => api<unknown>('POST', `/api/runs/${id}/cancel`),
};

export const snippetsApi = {
  check: (body: { code: string; inputSample?: unknown; inputType?: string }) =>
    api<{ diagnostics: SnippetDiagnostic[]; dts?: string; inputDts?: string }>(
      'POST',
      '/api/snippets/check',
      body,
    ),
  declarations: (body: { inputSample?: unknown; inputType?: string }) =>
    api<{ dts: string }>('POST', '/api/snippets/declarations', body),
  test: (body: { code: string; input: unknown }) =>
    api<SnippetTestResult>('POST', '/api/snippets/test', body),
};
