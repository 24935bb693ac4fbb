// /api/snippets: type checking for the editor and test runs in the sandbox (ARCHITECTURE.md section 8).
import { registry } from '@sluice/nodes';
import { StepError } from '@sluice/shared';
import { createRouter } from '../../api/router';
import type { Resources } from '../../resources';
import { createSandbox, type Sandbox } from '../../sandbox';
import { sandboxOptionsFromEnv } from '../../sandbox/options';
import { snippetContextDts } from '../../snippets/context-dts';
import { snippetPublishHook } from '../../snippets/flow-snippets';
import { createSnippetChecker } from '../../snippets/type-checker';
import * as route from './route-defs';

/** The process's sandbox: `r.sandbox`, or one created on first use (and kept on `r`) when the process has none. */
function sandboxOf(r: Resources): Sandbox {
  r.sandbox ??= createSandbox(sandboxOptionsFromEnv(process.env, r.log));
  return r.sandbox;
}

const withPublishCheck = new WeakSet<Resources['flowHooks']>();

/** Also registers the publish check (snippets must compile) on `r.flowHooks`, once per hook list. */
export function snippetsRoutes(r: Resources) {
  if (!withPublishCheck.has(r.flowHooks)) {
    withPublishCheck.add(r.flowHooks);
    r.flowHooks.push(snippetPublishHook(registry));
  }
  const checker = createSnippetChecker();
  const router = createRouter();

  router.openapi(route.checkSnippetRoute, (c) => {
    const { code, ...source } = c.req.valid('json');
    return c.json({ diagnostics: checker.check(code, source) }, 200);
  });
  router.openapi(route.declarationsRoute, (c) =>
    c.json({ dts: snippetContextDts(c.req.valid('json')) }, 200),
  );
  router.openapi(route.contextDtsRoute, (c) =>
    c.text(snippetContextDts(), 200, { 'content-type': 'text/plain; charset=utf-8' }),
  );
  router.openapi(route.testSnippetRoute, async (c) => {
    const { code, input, timeoutMs, variables } = c.req.valid('json');
    const context = { runId: 'run_test', stepId: 'stp_test', nodeId: 'test', flowId: 'flw_test', variables };
    try {
      return c.json(await sandboxOf(r).run({ code, input, timeoutMs, context }), 200);
    } catch (err) {
      if (!(err instanceof StepError) || !err.code.startsWith('Snippet')) throw err;
      const d = (err.details ?? {}) as { line?: number | null; column?: number | null; logs?: string[] };
      const error = {
        code: err.code,
        message: err.message,
        path: ['code'],
        line: d.line ?? null,
        column: d.column ?? null,
        logs: d.logs ?? [],
      };
      return c.json({ error }, 422);
    }
  });
  return router;
}
