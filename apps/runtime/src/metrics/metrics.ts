// Prometheus metrics of one app instance, in its own registry (two instances in one process do not collide).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  runsStarted: Counter<'trigger'>;
  runsFinished: Counter<'status'>;
  stepDuration: Histogram<'type' | 'status'>;
  webhookLatency: Histogram<'status'>;
  queueDepth: Gauge<'state'>;
  /** Sets how `queueDepth` is measured at scrape time (the engine provides it). */
  measureQueueDepth(probe: () => Promise<Record<string, number>>): void;
  auditBacklog: Gauge<'measure'>;
  /** Sets how `auditBacklog` is measured at scrape time (the audit sealer's backlog). */
  measureAuditBacklog(probe: () => Promise<{ blocks: number; oldestSeconds: number }>): void;
  /** The hot-path recordings (every step, webhook and run), through label-bound children made once per label set. */
  observeStep(type: string, status: string, seconds: number): void;
  observeWebhook(status: number, seconds: number): void;
  countRunStarted(trigger: string): void;
  countRunFinished(status: string): void;
}

/** A child per label value, made on first use (prom-client builds a label object and a closure per call). */
function bound<C>(make: (key: string) => C): (key: string) => C {
  const children = new Map<string, C>();
  return (key) => {
    let child = children.get(key);
    if (!child) {
      child = make(key);
      children.set(key, child);
    }
    return child;
  };
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  let probe: (() => Promise<Record<string, number>>) | undefined;
  const queueDepth = new Gauge({
    name: 'sluice_queue_depth',
    help: 'Step jobs by state (waiting, delayed, active) and steps queued in Postgres (backlog)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (!probe) return;
      for (const [state, n] of Object.entries(await probe())) this.set({ state }, n);
    },
  });
  let auditProbe: (() => Promise<{ blocks: number; oldestSeconds: number }>) | undefined;
  const auditBacklog = new Gauge({
    name: 'sluice_audit_unsealed',
    help:
      'Audit blocks committed but not yet in the hash chain (measure="blocks") and the age of the oldest in seconds ' +
      '(measure="oldest_seconds"); it grows while a transaction stays open, as blocks are chained in transaction order',
    labelNames: ['measure'] as const,
    registers: [registry],
    async collect() {
      if (!auditProbe) return;
      const b = await auditProbe();
      this.set({ measure: 'blocks' }, b.blocks);
      this.set({ measure: 'oldest_seconds' }, b.oldestSeconds);
    },
  });
  const runsStarted = new Counter({
    name: 'sluice_runs_started_total',
    help: 'Runs created, by trigger type',
    labelNames: ['trigger'] as const,
    registers: [registry],
  });
  const runsFinished = new Counter({
    name: 'sluice_runs_finished_total',
    help: 'Runs that reached a terminal status, by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const stepDuration = new Histogram({
    name: 'sluice_step_duration_seconds',
    help: 'Execution time of one step attempt, by node type and outcome',
    labelNames: ['type', 'status'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  const webhookLatency = new Histogram({
    name: 'sluice_webhook_latency_seconds',
    help: 'Time from a webhook request to its answer (after the run is committed), by HTTP status',
    labelNames: ['status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const stepChild = bound((key) => {
    const [type = '', status = ''] = key.split('\n');
    return stepDuration.labels({ type, status });
  });
  const webhookChild = bound((status) => webhookLatency.labels({ status }));
  const startedChild = bound((trigger) => runsStarted.labels({ trigger }));
  const finishedChild = bound((status) => runsFinished.labels({ status }));
  return {
    registry,
    queueDepth,
    runsStarted,
    runsFinished,
    stepDuration,
    webhookLatency,
    observeStep: (type, status, seconds) => stepChild(`${type}\n${status}`).observe(seconds),
    observeWebhook: (status, seconds) => webhookChild(String(status)).observe(seconds),
    countRunStarted: (trigger) => startedChild(trigger).inc(),
    countRunFinished: (status) => finishedChild(status).inc(),
    measureQueueDepth(p) {
      probe = p;
    },
    auditBacklog,
    measureAuditBacklog(p) {
      auditProbe = p;
    },
  };
}
