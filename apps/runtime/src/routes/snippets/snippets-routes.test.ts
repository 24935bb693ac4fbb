// /api/snippets through the real app: check, declarations, test runs and the publish refusal of broken snippets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../../test/support/databases';
import { webhookFlow } from '../../../test/support/flows';
import { adminHeaders, body, testResources } from '../../../test/support/resources';
import { createApp } from '../../api/app';
import type { Database } from '../../db/client';
import { createLogger } from '../../logging/logger';
import type { Resources } from '../../resources';
import { createSandbox } from '../../sandbox';

describe('snippets routes', () => {
  let database: Database;
  let headers: Record<string, string>;
  let app: ReturnType<typeof createApp>;
  let r: Resources;
  const call = (method: string, path: string, payload?: unknown) =>
    app.request(`/api${path}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });

  beforeAll(async () => {
    database = await pgliteDatabase();
    headers = await adminHeaders(database);
    const sandbox = createSandbox({
      poolSize: 1,
      memoryLimitMb: 32,
      maxTimeoutMs: 5000,
      log: createLogger('silent'),
    });
    r = testResources(database, { sandbox });
    app = createApp(r);
  });
  afterAll(async () => {
    r.sandbox?.dispose();
    await database.close();
  });

  it('needs a bearer token', async () => {
    expect((await app.request('/api/snippets/check', { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('type-checks a snippet against a sample input', async () => {
    const res = await call('POST', '/snippets/check', {
      code: 'export default (input, ctx) => {\n  return input.person.emial;\n};',
      inputSample: { person: { email: 'a@b.c' } },
    });
    expect(res.status).toBe(200);
    const { diagnostics } = await body(res);
    expect(diagnostics).toEqual([
      { line: 2, column: 23, message: expect.stringContaining("'emial' does not exist"), severity: 'error' },
    ]);
    const ok = await call('POST', '/snippets/check', {
      code: 'export default (input) => input.a + 1;',
      inputType: '{ a: number }',
    });
    expect(await body(ok)).toEqual({ diagnostics: [] });
  });

  it('serves the declarations for the editor', async () => {
    const res = await call('POST', '/snippets/declarations', { inputSample: { id: 'E1' } });
    expect((await body(res)).dts).toContain('type Input = {\n  id: string;\n};');
    const text = await call('GET', '/snippets/context.d.ts');
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(await text.text()).toContain('interface SnippetContext');
  });

  it('test-runs a snippet: output, logs, duration', async () => {
    const res = await call('POST', '/snippets/test', {
      code: 'export default (input: { n: number }, ctx) => { ctx.log("n is", input.n); return { double: input.n * 2, v: ctx.variables.x }; };',
      input: { n: 21 },
      variables: { x: 'y' },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      output: { double: 42, v: 'y' },
      logs: ['n is 21'],
      durationMs: expect.any(Number),
    });
  });

  it('answers 422 with the code, the line and the logs of a failing snippet', async () => {
    const thrown = await call('POST', '/snippets/test', {
      code: 'export default (input: any, ctx: any) => {\n  ctx.log("before");\n  throw new Error("no manager");\n};',
      input: {},
    });
    expect(thrown.status).toBe(422);
    expect(await body(thrown)).toEqual({
      error: {
        code: 'SnippetError',
        message: 'SnippetError: no manager at line 3',
        path: ['code'],
        line: 3,
        column: 9,
        logs: ['before'],
      },
    });
    const slow = await call('POST', '/snippets/test', {
      code: 'export default () => { for (;;) {} };',
      input: {},
      timeoutMs: 100,
    });
    expect(slow.status).toBe(422);
    expect((await body(slow)).error).toMatchObject({ code: 'SnippetTimeout', line: null });
    const broken = await call('POST', '/snippets/test', { code: 'export default (', input: {} });
    expect((await body(broken)).error).toMatchObject({ code: 'SnippetCompileError' });
  });

  it('contains hostile snippets and keeps serving requests', async () => {
    const hostile: [string, string][] = [
      ['export default () => { for (;;) {} };', 'SnippetTimeout'],
      [
        'export default () => { const a: string[] = []; for (let i = 0; ; i++) a.push("x".repeat(4e6) + i); };',
        'SnippetMemoryLimit',
      ],
      ['export default () => (() => 1).constructor("return process")();', 'SnippetError'],
      ['export default () => { const o: any = {}; o.o = o; return o; };', 'SnippetOutputError'],
    ];
    for (const [code, expected] of hostile) {
      const res = await call('POST', '/snippets/test', {
        code,
        input: {},
        timeoutMs: expected === 'SnippetTimeout' ? 200 : 4000,
      });
      expect(res.status).toBe(422);
      expect((await body(res)).error.code).toBe(expected);
    }
    expect((await app.request('/health')).status).toBe(200);
    const ok = await call('POST', '/snippets/test', {
      code: 'export default (i: number[]) => i.map((x) => x * 2);',
      input: [1, 2],
    });
    expect(await body(ok)).toMatchObject({ output: [2, 4] });
  });

  it('answers 400 naming the field for a bad body', async () => {
    const res = await call('POST', '/snippets/test', { input: {} });
    expect(res.status).toBe(400);
    expect((await body(res)).error.path).toEqual(['code']);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await body(await app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/snippets/check',
        '/api/snippets/test',
        '/api/snippets/declarations',
        '/api/snippets/context.d.ts',
      ]),
    );
    expect(Object.keys(doc.paths['/api/snippets/test'].post.responses)).toEqual(
      expect.arrayContaining(['200', '422', '400']),
    );
  });

  it('refuses to publish a flow whose snippet does not compile, naming the node', async () => {
    const doc = webhookFlow();
    doc.nodes[1]!.config = { code: 'export default (input: any) => {\n  return input.id +;\n};' };
    const created = await body(await call('POST', '/flows', doc));
    const res = await call('POST', `/flows/${created.id}/publish`);
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error).toMatchObject({ code: 'invalid_flow', path: ['nodes', 1, 'config', 'code'] });
    expect(error.message).toContain('node "toScim": code does not compile: line 2');
  });
});
