// bench/sandbox: the transform executor on a ~1 KB HR -> SCIM snippet against the same function as plain JS.
// The executor is measured the way the engine calls it (input as JsonData from stored JSON text, output kept as the
// isolate's JSON text, which the engine stores) and, for comparison, object in / object out.

import { cpus, loadavg } from 'node:os';
import { abortListenerOf, type ExecutionContext, executors } from '@sluice/nodes/executors';
import { JsonData, parseIsoDuration } from '@sluice/shared';
import ivm from 'isolated-vm';
import { transform } from 'sucrase';
import { createLogger } from '../../apps/runtime/src/logging/logger';
import { createSandbox } from '../../apps/runtime/src/sandbox/index';
import { hrRecord, hrToScimSnippet } from './hr-to-scim';

const WARM_CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const sandbox = createSandbox({
  poolSize: 2,
  memoryLimitMb: 64,
  maxTimeoutMs: 5000,
  log: createLogger('silent'),
});
const executor = executors.get('transform')!;
const config = { code: hrToScimSnippet };
const signal = new AbortController().signal;
const ctx: ExecutionContext = {
  runId: 'run_bench',
  stepId: 'stp_bench',
  nodeId: 'toScim',
  flowId: 'flw_bench',
  flowVersion: 1,
  attempt: 1,
  variables: { domain: 'example.org' },
  signal,
  onAbort: abortListenerOf(signal),
  log: () => {},
  now: () => new Date(),
  snippets: sandbox,
};

/** The very same snippet, transpiled the same way, as a host function with a host ctx. */
function plainFunction(): (input: unknown, c: unknown) => unknown {
  const js = transform(hrToScimSnippet, { transforms: ['typescript', 'imports'], production: true }).code;
  const exports: { default?: (input: unknown, c: unknown) => unknown } = {};
  new Function('exports', js)(exports);
  return exports.default!;
}
const plain = plainFunction();
const plainCtx = Object.freeze({
  ...ctx,
  helpers: {
    addDuration: (iso: string, d: string) => new Date(Date.parse(iso) + parseIsoDuration(d)!).toISOString(),
  },
});

/** Per-call cost: wall time and process CPU time (user + system), in microseconds. */
interface Cost {
  wall: number;
  cpu: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cheaper = (a: Cost, b: Cost): Cost => (a.cpu <= b.cpu ? a : b);

function timeSync(n: number, fn: (i: number) => unknown): Cost {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const c = process.cpuUsage(c0);
  return { wall: ((performance.now() - t0) * 1000) / n, cpu: (c.user + c.system) / n };
}

async function timeAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<Cost> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const c = process.cpuUsage(c0);
  return { wall: ((performance.now() - t0) * 1000) / n, cpu: (c.user + c.system) / n };
}

const fmt = (c: Cost) => `${c.cpu.toFixed(1)} us CPU   ${c.wall.toFixed(1)} us wall`;

async function main() {
  const inputText = JSON.stringify(hrRecord);
  const inputBytes = inputText.length;
  const expected = JSON.stringify(plain(structuredClone(hrRecord), plainCtx));
  const got = await executor.execute(hrRecord, config, ctx);
  if (got.status !== 'succeeded' || JSON.stringify(got.output) !== expected)
    throw new Error('outputs differ');

  /**
   * As the engine runs it within a chain: the input is the previous step's output as JSON text (JsonData), and the
   * output's JSON text is what gets stored and handed on. (A step claimed from PostgreSQL gets its input parsed by
   * postgres-js: that path still stringifies on the host, like the object line below.)
   */
  const engineWay = async (c: { code: string }) => {
    const r = await executor.execute(JsonData.fromText(inputText), c, ctx);
    return (r.output as JsonData).text;
  };
  /** Object in, object out: the input stringified on the host, the output parsed on the host. */
  const objectWay = async (c: { code: string }) => {
    const r = await executor.execute(hrRecord, c, ctx);
    return (r.output as JsonData).value;
  };
  if ((await engineWay(config)) !== expected) throw new Error('outputs differ (JSON text)');

  // Warm-up, then the measured runs, interleaved twice to even out CPU noise from other processes.
  timeSync(2000, () => plain(hrRecord, plainCtx));
  await timeAsync(2000, () => engineWay(config));
  await timeAsync(2000, () => objectWay(config));
  const plainCost = cheaper(
    timeSync(WARM_CALLS, () => plain(hrRecord, plainCtx)),
    timeSync(WARM_CALLS, () => plain(hrRecord, plainCtx)),
  );
  const cloneCost = timeSync(WARM_CALLS, () => structuredClone(plain(structuredClone(hrRecord), plainCtx)));
  const jsonCost = timeSync(WARM_CALLS, () =>
    JSON.parse(JSON.stringify(plain(JSON.parse(JSON.stringify(hrRecord)), plainCtx))),
  );
  const execCost = cheaper(
    await timeAsync(WARM_CALLS, () => engineWay(config)),
    await timeAsync(WARM_CALLS, () => engineWay(config)),
  );
  const objectCost = cheaper(
    await timeAsync(WARM_CALLS, () => objectWay(config)),
    await timeAsync(WARM_CALLS, () => objectWay(config)),
  );
  // The part of the warm cost no snippet can avoid: the same input copied in, a null copied out.
  const nullConfig = { code: 'export default () => null' };
  await timeAsync(2000, () => engineWay(nullConfig));
  const nullCost = cheaper(
    await timeAsync(WARM_CALLS, () => engineWay(nullConfig)),
    await timeAsync(WARM_CALLS, () => engineWay(nullConfig)),
  );

  // Cold start: the first call after a new code version (transpile + compile into the isolate + run).
  const cold: number[] = [];
  for (let v = 0; v < 200; v++) {
    const code = `${hrToScimSnippet}\n// version ${v}\n`;
    const t0 = performance.now();
    await executor.execute(hrRecord, { code }, ctx);
    cold.push((performance.now() - t0) * 1000);
  }

  // The alternative rejected for the fast path: a fresh context per call (what isolation would cost that way).
  const iso = new ivm.Isolate({ memoryLimit: 256 });
  const activeRecord = { ...hrRecord, status: 'active' };
  const js = transform(hrToScimSnippet, { transforms: ['typescript', 'imports'], production: true }).code;
  const freshCost = timeSync(200, () => {
    const c = iso.createContextSync();
    const fn = c.evalClosureSync(
      `const exports = {}; (function (exports) { ${js} })(exports); return exports.default;`,
      [],
      {
        result: { reference: true },
      },
    ) as ivm.Reference<any>;
    // An active employee: this variant has no helpers to offer.
    fn.applySync(undefined, [activeRecord, {}], { arguments: { copy: true }, result: { copy: true } });
    c.release();
  });
  iso.dispose();

  // Throughput: N runs in flight at once.
  const throughput: [number, number][] = [];
  for (const n of [1, 8, 64]) {
    const total = Math.max(1000, Math.floor(WARM_CALLS / 2));
    const t0 = performance.now();
    for (let done = 0; done < total; done += n) {
      await Promise.all(Array.from({ length: n }, () => engineWay(config)));
    }
    throughput.push([n, (total / (performance.now() - t0)) * 1000]);
  }

  const rows: [string, string][] = [
    ['input / output size', `${inputBytes} B / ${expected.length} B`],
    ['plain JS call, object in and out (baseline)', fmt(plainCost)],
    ['plain JS + structuredClone in and out', fmt(cloneCost)],
    ['plain JS + JSON copy in and out', fmt(jsonCost)],
    ['transform executor, warm, as the engine calls it', fmt(execCost)],
    ["  (input: JsonData of the previous step's JSON text; output: its JSON text, stored as is)", ''],
    ['  ratio to plain call (CPU)', `${(execCost.cpu / plainCost.cpu).toFixed(1)}x  (goal <= 10x)`],
    ['  same input, snippet returns null', fmt(nullCost)],
    ['transform executor, warm, object in and out', fmt(objectCost)],
    ['  (host JSON.stringify of the input, host JSON.parse of the output)', ''],
    ['  ratio to plain call (CPU)', `${(objectCost.cpu / plainCost.cpu).toFixed(1)}x`],
    ['  ratio to plain + structuredClone (CPU)', `${(objectCost.cpu / cloneCost.cpu).toFixed(1)}x`],
    ['  ratio to plain + JSON copy (CPU)', `${(objectCost.cpu / jsonCost.cpu).toFixed(1)}x`],
    ['cold start (new code version), median', `${median(cold).toFixed(0)} us wall`],
    [
      'fresh context per call (rejected design)',
      `${fmt(freshCost)}  (${(freshCost.cpu / execCost.cpu).toFixed(0)}x the warm path)`,
    ],
    ...throughput.map(([n, perSec]): [string, string] => [
      `throughput, ${n} concurrent`,
      `${perSec.toFixed(0)} runs/s`,
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`sandbox: HR record -> SCIM user, ${WARM_CALLS} warm calls\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  const stats = sandbox.stats();
  process.stdout.write(
    `  (isolates ${stats.poolSize}, off-thread runs ${stats.offThreadRuns} of ${stats.runs}; `,
  );
  process.stdout.write(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)\n`);
  sandbox.dispose();
}

await main();
