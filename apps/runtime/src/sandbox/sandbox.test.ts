// The runner's mechanics: sync fast path vs off-thread restart, concurrency without cross-talk, pool replacement, dispose.
import { JsonData } from '@sluice/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { createSandbox, SnippetSandboxError } from './index';

const log = createLogger('silent');
const sandbox = createSandbox({ poolSize: 2, memoryLimitMb: 32, maxTimeoutMs: 3000, syncBudgetMs: 20, log });
afterAll(() => sandbox.dispose());

/** Burns about `ms` of CPU inside the isolate. */
const busy = (ms: number) =>
  `export default (input: any) => { const end = Date.now() + ${ms}; let n = 0; while (Date.now() < end) n++; return input; };`;

describe('sandbox runner', () => {
  it('hands the snippet flow variables frozen all the way down, also when deeply nested', async () => {
    const code = `export default (input: any, ctx: any) => {
      const tries = [() => { ctx.variables.a.b.push(2); }, () => { ctx.variables.a.b[0].c = 2; },
        () => { ctx.variables.a.d = 1; }];
      let deep = ctx.variables.deep;
      let depth = 0;
      while (deep.next) { deep = deep.next; depth++; }
      return { blocked: tries.filter((t) => { try { t(); return false; } catch { return true; } }).length,
        depth, deepFrozen: Object.isFrozen(deep) };
    };`;
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) deep = { next: deep };
    const variables = { a: { b: [{ c: 1 }] }, deep };
    const r = await sandbox.run({ code, input: null, context: { variables } });
    expect(r.output).toEqual({ blocked: 3, depth: 1000, deepFrozen: true });
  });

  it('passes ctx ids of any shape and variables as JSON, and answers with the output as JSON text', async () => {
    const code =
      'export default (i: unknown, ctx: SnippetContext) => [i, ctx.runId, ctx.stepId, ctx.nodeId, ctx.flowId, ctx.variables];';
    const context = { runId: 'run_1', stepId: 'a"b\\c\n', nodeId: 'node.1:x-y', variables: { v: ['x'] } };
    const r = await sandbox.run({ code, input: JsonData.fromText('{"a": 1}'), context });
    expect(r.outputJson.text).toBe('[{"a":1},"run_1","a\\"b\\\\c\\n","node.1:x-y",null,{"v":["x"]}]');
    expect(r.output).toEqual([{ a: 1 }, 'run_1', 'a"b\\c\n', 'node.1:x-y', null, { v: ['x'] }]);
  });

  it('runs quick snippets on the sync path and restarts slow ones off-thread, keeping the event loop free', async () => {
    const before = sandbox.stats();
    await sandbox.run({ code: 'export default (i: number) => i + 1;', input: 1 });
    expect(sandbox.stats().offThreadRuns).toBe(before.offThreadRuns);

    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const r = await sandbox.run({ code: busy(300), input: { ok: true }, timeoutMs: 2000 });
    clearInterval(timer);
    expect(r.output).toEqual({ ok: true });
    expect(sandbox.stats().offThreadRuns).toBe(before.offThreadRuns + 1);
    expect(maxGap).toBeLessThan(250); // the 300 ms run did not hold the event loop (the sync budget is 20 ms)
  });

  it('sends a snippet that once outgrew the sync budget off-thread straight away (no isolate lost again)', async () => {
    const code = busy(40).replace('return input;', 'return input + 1;');
    expect((await sandbox.run({ code, input: 1 })).output).toBe(2);
    const after = sandbox.stats();
    expect((await sandbox.run({ code, input: 2 })).output).toBe(3);
    expect(sandbox.stats()).toMatchObject({
      isolatesCreated: after.isolatesCreated,
      offThreadRuns: after.offThreadRuns + 1,
    });
  });

  it('offers the host helpers on the off-thread path too', async () => {
    const code = `export default (input: string, ctx: any) => {
      const end = Date.now() + 60; while (Date.now() < end) {}
      return ctx.helpers.sha256(input);
    };`;
    const r = await sandbox.run({ code, input: 'abc', timeoutMs: 2000 });
    expect(r.output).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('runs many concurrent calls with more callers than isolates, each getting its own answer', async () => {
    const code =
      'export default async (input: { n: number }, ctx: any) => { await null; return { n: input.n * 2, run: ctx.runId }; };';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        sandbox.run({ code, input: { n }, context: { runId: `run_${n}` } }),
      ),
    );
    expect(results.map((r) => r.output)).toEqual(
      Array.from({ length: 50 }, (_, n) => ({ n: n * 2, run: `run_${n}` })),
    );
  });

  it('serves runs while slow ones hold every isolate', async () => {
    const slow = [sandbox.run({ code: busy(150), input: 1 }), sandbox.run({ code: busy(150), input: 2 })];
    const quick = await sandbox.run({ code: 'export default () => "quick";', input: null });
    expect(quick.output).toBe('quick');
    expect((await Promise.all(slow)).map((r) => r.output)).toEqual([1, 2]);
  });

  it('replaces an isolate that crossed its memory limit', async () => {
    const created = sandbox.stats().isolatesCreated;
    await expect(
      sandbox.run({
        code: 'export default () => { const a: string[] = []; for (let i = 0; ; i++) a.push("x".repeat(1e6) + i); };',
        input: null,
        timeoutMs: 3000,
      }),
    ).rejects.toMatchObject({ code: 'SnippetMemoryLimit' });
    expect((await sandbox.run({ code: 'export default () => 42;', input: null })).output).toBe(42);
    expect(sandbox.stats().isolatesCreated).toBeGreaterThan(created);
  });

  it('reports non-JSON input as a SnippetError', async () => {
    const input: any = {};
    input.self = input;
    await expect(sandbox.run({ code: 'export default (i: any) => 1;', input })).rejects.toMatchObject({
      code: 'SnippetError',
      message: expect.stringContaining('the input is not JSON'),
    });
  });

  it('refuses runs after dispose', async () => {
    const s = createSandbox({ poolSize: 1, memoryLimitMb: 16, maxTimeoutMs: 100, log });
    s.dispose();
    await expect(s.run({ code: 'export default () => 1;', input: null })).rejects.toBeInstanceOf(
      SnippetSandboxError,
    );
  });
});
