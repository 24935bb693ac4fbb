// Hostile snippets: every escape, exhaustion and leak attempt is contained with an exact failure code.
import { StepError } from '@sluice/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { cases, fn } from './hostile-cases';
import { createSandbox } from './index';

const sandbox = createSandbox({
  poolSize: 2,
  memoryLimitMb: 32,
  maxTimeoutMs: 8000,
  defaultTimeoutMs: 300,
  maxOutputBytes: 1024 * 1024,
  log: createLogger('silent'),
});
afterAll(() => sandbox.dispose());

async function outcome(code: string, input: unknown = {}, timeoutMs?: number) {
  try {
    const context = { runId: 'run_x', variables: { tenant: 'acme' } };
    const r = await sandbox.run({ code, input, context, timeoutMs });
    return { ok: true as const, output: r.output, logs: r.logs };
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    return { ok: false as const, code: e.code, message: e.message, retryable: e.retryable };
  }
}

describe('hostile snippets', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('contains: $name', async (c) => {
    const r = await outcome(c.code, c.input, c.timeoutMs);
    if (c.fails) {
      const codes = [c.fails[0]].flat();
      expect(r.ok).toBe(false);
      expect(codes).toContain(r.ok === false && r.code);
      expect(r.ok === false && r.message).toMatch(c.fails[1]);
      const retryable = r.ok === false && (r.code === 'SnippetTimeout' || r.code === 'SnippetMemoryLimit');
      expect(r.ok === false && r.retryable).toBe(retryable);
    } else {
      expect(r).toMatchObject({ ok: true, output: c.output });
    }
  });

  it('keeps no module state between runs of the same snippet', async () => {
    const code =
      'let n = 0;\nconst seen: unknown[] = [];\nexport default (input: any) => { seen.push(input); return [++n, seen.length]; };';
    expect((await outcome(code, 1)).output).toEqual([1, 1]);
    expect((await outcome(code, 2)).output).toEqual([1, 1]);
  });

  it('a later run sees untampered intrinsics', async () => {
    const r = await outcome(
      fn(`return [Date.now() > 1.7e12, Math.random() < 1, [1, 2].map((x) => x * 2), JSON.stringify({ a: 1 }),
        typeof (globalThis as any).leak, ({} as any).polluted ?? null];`),
    );
    expect(r).toMatchObject({ ok: true, output: [true, true, [2, 4], '{"a":1}', 'undefined', null] });
  });

  it("cannot read another flow's data left in RegExp statics or globals", async () => {
    await outcome(fn('/(s3cret-[a-z]+)/.exec(input.token); return 1;'), { token: 's3cret-alpha' });
    const r = await outcome(
      fn(`const R = RegExp as any;
        return [R.$1, R.lastMatch, R.input, Object.getOwnPropertyNames(globalThis).filter((k) => /s3cret|leak/.test(k))];`),
    );
    expect(r).toMatchObject({ ok: true, output: [null, null, null, []] });
  });

  it('RegExp.prototype (left unfrozen for speed) cannot carry anything to a later run', async () => {
    const tamper = [
      fn('(RegExp.prototype as any).leak = input.secret; return 1;'),
      fn(
        'const exec = RegExp.prototype.exec; const seen: string[] = [];\n' +
          'RegExp.prototype.exec = function (s: string) { seen.push(s); return exec.call(this, s); }; return 1;',
      ),
      fn('Promise.resolve().then(() => { (RegExp.prototype as any).late = input.secret; }); return 1;'),
      fn('Object.preventExtensions(RegExp.prototype); return 1;'),
      fn('Object.setPrototypeOf(RegExp.prototype, { leak: input.secret }); return 1;'),
    ];
    for (const code of tamper) {
      expect(await outcome(code, { secret: 's3cret' })).toMatchObject({ ok: true });
      const r = await outcome(
        fn(`const P = RegExp.prototype as any;
          return [P.leak ?? null, P.late ?? null, Object.isExtensible(P), /x/.exec.toString().includes('native code'),
            'a-b'.replace(/-/g, '+')];`),
      );
      expect(r).toMatchObject({ ok: true, output: [null, null, true, true, 'a+b'] });
    }
  });

  it('RegExp.prototype: hidden, symbol-keyed, re-attributed or removed properties are caught too', async () => {
    // The shape of RegExp.prototype as a later run sees it: every own key with its attributes and value identity.
    const shape = fn(`const P = RegExp.prototype as any;
      return Reflect.ownKeys(P).map((k) => { const d = Object.getOwnPropertyDescriptor(P, k)!;
        return [String(k), 'value' in d ? typeof d.value : 'accessor', d.writable ?? null, d.enumerable, d.configurable,
          typeof d.value === 'function' ? d.value.toString().includes('native code') : null]; });`);
    const pristine = await outcome(shape);
    expect(pristine).toMatchObject({ ok: true });
    const tamper = [
      'Object.defineProperty(RegExp.prototype, "hidden", { value: [input.secret] });',
      '(RegExp.prototype as any)[Symbol.for("leak")] = input.secret;',
      'Object.defineProperty(RegExp.prototype, Symbol.iterator, { value: () => [input.secret][Symbol.iterator]() });',
      'Object.defineProperty(RegExp.prototype, "exec", { writable: false });',
      'Object.defineProperty(RegExp.prototype, "test", { enumerable: true });',
      'const t = RegExp.prototype.test; Object.defineProperty(RegExp.prototype, "test", { get: () => t });',
      'const g = Object.getOwnPropertyDescriptor(RegExp.prototype, "flags")!.get; Object.defineProperty(RegExp.prototype, "flags", { get: g, set: () => {} });',
      'delete (RegExp.prototype as any).compile;',
    ];
    for (const code of tamper) {
      expect(await outcome(fn(`${code} return 1;`), { secret: 's3cret' })).toMatchObject({ ok: true });
      expect(await outcome(shape)).toEqual(pristine);
    }
  });

  it('copies input in and output out: no shared objects', async () => {
    const input = { list: [1, 2], nested: { a: 1 } };
    const r = await sandbox.run({ code: fn('input.list.push(3); input.nested.a = 2; return input;'), input });
    expect(input).toEqual({ list: [1, 2], nested: { a: 1 } });
    expect(r.output).toEqual({ list: [1, 2, 3], nested: { a: 2 } });
    expect(Object.getPrototypeOf(r.output)).toBe(Object.prototype);
  });

  it('console.log lands in the step logs', async () => {
    const r = await outcome(fn('console.log("a", 1); console.error({ b: 2 }); return 1;'));
    expect(r).toMatchObject({ ok: true, logs: ['a 1', '{"b":2}'] });
  });

  it('caps logs', async () => {
    const r = await outcome(fn('for (let i = 0; i < 5000; i++) ctx.log("x".repeat(5000)); return 1;'));
    expect(r.ok && r.logs.length).toBe(101);
    expect(r.ok && r.logs[0]!.length).toBeLessThanOrEqual(2003);
    expect(r.ok && r.logs[100]).toBe('... 4900 more log line(s) dropped');
  });

  it('after the whole suite the sandbox runs a normal snippet correctly and the process is alive', async () => {
    const code = `export default (input: { first: string; last: string }, ctx: any) => {
      ctx.log('mapping', input.first);
      return { displayName: input.first + ' ' + input.last, runId: ctx.runId, tenant: ctx.variables.tenant };
    };`;
    const r = await sandbox.run({
      code,
      input: { first: 'Ada', last: 'Lovelace' },
      context: { runId: 'run_1', variables: { tenant: 'acme' } },
    });
    expect(r.output).toEqual({ displayName: 'Ada Lovelace', runId: 'run_1', tenant: 'acme' });
    expect(r.logs).toEqual(['mapping Ada']);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the event loop still turns
    expect(process.memoryUsage().rss).toBeGreaterThan(0);
    expect(sandbox.stats().isolatesCreated).toBeGreaterThan(2); // dead isolates were replaced
  });
});
