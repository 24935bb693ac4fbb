// The acceptance path in real headless Chromium against the real runtime: build, type, test, publish a flow,
// watch a signed webhook's run go green, fail it through the consumer, replay it from the UI and watch it go green.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from './support/browser';
import {
  ARTIFACTS,
  connect,
  dragConnection,
  dropNode,
  field,
  screenshot,
  selectNode,
} from './support/canvas-driver';
import { startTestConsumer, type TestConsumer } from './support/consumer';
import { DESIGNER_DIST, type RuntimeProcess, startRuntime } from './support/runtime-process';
import { fireWebhook } from './support/signed-webhook';

const SECRET = `whsec_${Buffer.from('designer-e2e-secret-0123456789').toString('base64')}`;
const PATH = `hr-${Date.now().toString(36)}`;
const SAMPLE = { employeeId: 'E1001', email: 'ada@example.com', status: 'active' };
const CODE = `export default (input: Input, ctx: SnippetContext) => {
  ctx.log('shaping', input.employeeId);
  return { id: input.employeeId, email: input.email, active: input.status !== 'terminated' };
};
`;

let runtime: RuntimeProcess;
let consumer: TestConsumer;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${DESIGNER_DIST}/index.html`) || process.env.SLUICE_E2E_BUILD !== '0') {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
      cwd: resolve(DESIGNER_DIST, '..'), // dist/.. fails to chdir while dist does not exist (fresh clone)
      stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  consumer = await startTestConsumer();
  runtime = await startRuntime();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  // The runtime's own log (warnings and errors) next to the screenshots, for when a step fails on its side.
  mkdirSync(ARTIFACTS, { recursive: true });
  if (runtime) writeFileSync(`${ARTIFACTS}/runtime.log`, runtime.logs.join(''));
  await browser?.close();
  await runtime?.stop();
  await consumer?.close();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await screenshot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

async function openRun(runId: string) {
  await page.getByRole('tab', { name: 'Runs' }).click();
  const row = page.getByTestId(`run-${runId}`);
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

describe('designer acceptance path', () => {
  it('signs in with the admin token and starts a new flow', async () => {
    await page.goto(`${runtime.url}/`);
    await page.getByLabel('Admin token').fill(runtime.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await screenshot(page, '01-flow-list');
    await page.getByTestId('new-flow').click();
    await page.getByTestId('rf__wrapper').waitFor();
    await page.getByLabel('Flow name').fill('HR -> consumer (e2e)');
  });

  it('builds the flow by dragging webhook, transform, condition and HTTP nodes and connecting them', async () => {
    // Kept 80+ px from the canvas edges: React Flow auto-pans while a connection is dragged near an edge.
    await dropNode(page, 'trigger.webhook', 210, 140);
    await dropNode(page, 'transform', 210, 420);
    await dropNode(page, 'condition', 560, 140);
    await dropNode(page, 'delivery.http', 560, 420);
    for (const id of ['webhook1', 'transform1', 'condition1', 'http1'])
      await expect.poll(() => page.getByTestId(`node-${id}`).count()).toBe(1);

    await selectNode(page, 'webhook1');
    await field(page, 'webhook1', 'path').fill(PATH);
    await field(page, 'webhook1', 'auth').selectOption('hmac');
    await field(page, 'webhook1', 'auth.secret').fill(SECRET);

    await selectNode(page, 'condition1');
    await page.getByRole('button', { name: /Add case/ }).click();
    await field(page, 'condition1', 'cases.0.id').fill('hasEmail');
    await field(page, 'condition1', 'cases.0.rules.0.field').fill('email');
    await field(page, 'condition1', 'cases.0.rules.0.operator').selectOption('exists');

    await selectNode(page, 'http1');
    // Until it has a URL the delivery is invalid: the runtime's validator says so on the card and on the field.
    await expect
      .poll(() => page.getByTestId('node-http1').textContent(), { timeout: 20_000 })
      .toMatch(/url/i);
    await expect
      .poll(() => page.getByRole('button', { name: /problem/ }).count(), { timeout: 20_000 })
      .toBe(1);
    await page.getByTestId('field-error-url').waitFor();
    await field(page, 'http1', 'url').fill(`${consumer.url}/scim/Users`);
    await expect.poll(() => page.getByTestId('field-error-url').count()).toBe(0);

    await connect(page, 'webhook1', 'out', 'transform1');
    await connect(page, 'transform1', 'out', 'condition1');
    await connect(page, 'condition1', 'hasEmail', 'http1');
    // A connection that would close a loop (http1 -> transform1 -> condition1 -> http1) is refused.
    await dragConnection(page, 'http1', 'out', 'transform1');
    const edges = await page.evaluate(() => window.__sluice!.editor.getState().document().edges);
    expect(edges.map((e) => `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`)).toEqual([
      'webhook1:out->transform1',
      'transform1:out->condition1',
      'condition1:hasEmail->http1',
    ]);
    // Connected and configured, the draft has no problems left.
    await expect
      .poll(() => page.getByRole('button', { name: /problem/ }).count(), { timeout: 20_000 })
      .toBe(0);
    await screenshot(page, '02-flow-built');
  });

  it('writes the transform in Monaco with IntelliSense from the sample and tests it', async () => {
    await selectNode(page, 'transform1');
    await page.getByTestId('edit-code-code').click();
    const drawer = page.getByTestId('snippet-drawer');
    await drawer.waitFor();
    await page.locator('#snippet-sample').fill(JSON.stringify(SAMPLE, null, 2));
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 60_000 });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('export default (input: Input, ctx: SnippetContext) => input.');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'employeeId' });
    try {
      await suggestion.first().waitFor({ timeout: 20_000 });
    } catch {
      await page.keyboard.press('Control+Space');
      await suggestion.first().waitFor({ timeout: 20_000 });
    }
    await screenshot(page, '03-intellisense');
    await page.keyboard.press('Escape');
    // The rest goes in through Monaco's API: typed text would be re-indented and auto-closed by the editor.
    await page.evaluate((code) => window.__sluice!.codeEditor!.setValue(code), CODE);
    await expect
      .poll(() => page.evaluate(() => window.__sluice!.editor.getState().meta.transform1?.config.code))
      .toBe(CODE);
    await expect
      .poll(() => page.getByTestId('snippet-diagnostics').textContent(), { timeout: 20_000 })
      .toContain('No problems');
    await page.getByTestId('snippet-test').click();
    const output = page.getByTestId('snippet-output');
    await output.waitFor({ timeout: 30_000 });
    expect(JSON.parse((await output.textContent()) ?? '')).toEqual({
      id: 'E1001',
      email: 'ada@example.com',
      active: true,
    });
    await screenshot(page, '04-snippet-tested');
    await page.getByRole('button', { name: 'Close snippet editor' }).click();
  });

  it('publishes the flow', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 30_000 })
      .toMatch(/Published/);
    await screenshot(page, '05-published');
  });

  it('shows a signed webhook run live and green on the canvas', async () => {
    const fired = await fireWebhook(`${runtime.url}/webhooks/${PATH}`, SECRET, SAMPLE);
    expect(fired.status).toBe(202);
    await openRun(fired.body.runId);
    await expect
      .poll(() => page.getByTestId('open-run').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('succeeded');
    for (const id of ['webhook1', 'transform1', 'condition1', 'http1'])
      expect(await page.getByTestId(`node-${id}`).getAttribute('data-status')).toBe('succeeded');
    expect(consumer.received).toHaveLength(1);
    await screenshot(page, '06-run-green');
  });

  it('shows the failed delivery with its error on the node when the consumer fails', async () => {
    consumer.failing = true;
    const fired = await fireWebhook(`${runtime.url}/webhooks/${PATH}`, SECRET, {
      ...SAMPLE,
      employeeId: 'E1002',
    });
    expect(fired.status).toBe(202);
    await openRun(fired.body.runId);
    await expect
      .poll(() => page.getByTestId('open-run').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('failed');
    await expect.poll(() => page.getByTestId('node-http1').getAttribute('data-status')).toBe('failed');
    await expect.poll(() => page.getByTestId('node-http1').textContent()).toMatch(/500|consumer/i);
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await selectNode(page, 'http1');
    await page.getByTestId('step-error').waitFor();
    await screenshot(page, '07-run-failed');
  });

  it('replays from the failed step after the consumer recovers and turns green', async () => {
    consumer.failing = false;
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByLabel('Replay from').selectOption('failed');
    await page.getByTestId('replay').click();
    await expect
      .poll(() => page.getByTestId('open-run').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('succeeded');
    await expect.poll(() => page.getByTestId('node-http1').getAttribute('data-status')).toBe('succeeded');
    expect(consumer.received.length).toBeGreaterThanOrEqual(3);
    await screenshot(page, '08-replayed-green');
  });

  it('saves a second version and shows the diff of the two versions on the canvas', async () => {
    await page.getByRole('button', { name: 'Close run view' }).click();
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await selectNode(page, 'http1');
    await field(page, 'http1', 'method').selectOption('PUT');
    await dropNode(page, 'delay', 400, 640);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 30_000 })
      .toMatch(/Saved draft v2/);
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Show diff on canvas' }).click();
    await expect.poll(() => page.getByTestId('node-http1').getAttribute('data-diff')).toBe('changed');
    expect(await page.getByTestId('node-delay1').getAttribute('data-diff')).toBe('added');
    expect(await page.getByTestId('node-webhook1').getAttribute('data-diff')).toBe('');
    await screenshot(page, '09-version-diff');
    await page.getByRole('button', { name: 'Back to editing' }).click();
  });

  it('bulk-replays the failed runs shown by the status filter', async () => {
    consumer.failing = true;
    const runIds: string[] = [];
    for (const employeeId of ['E2001', 'E2002']) {
      const fired = await fireWebhook(`${runtime.url}/webhooks/${PATH}`, SECRET, { ...SAMPLE, employeeId });
      expect(fired.status).toBe(202);
      runIds.push(fired.body.runId);
    }
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByLabel('Filter runs by status').selectOption('failed');
    for (const id of runIds) await page.getByTestId(`run-${id}`).waitFor({ timeout: 60_000 });
    consumer.failing = false;
    await page.getByTestId('bulk-replay').click();
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 20_000 })
      .toMatch(/Replaying \d+ failed run/);
    // Replayed from their failed steps, they leave the "failed" filter and show as succeeded under all statuses.
    for (const id of runIds)
      await page.getByTestId(`run-${id}`).waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByLabel('Filter runs by status').selectOption('');
    for (const id of runIds)
      await expect
        .poll(() => page.getByTestId(`run-${id}`).getAttribute('data-status'), { timeout: 30_000 })
        .toBe('succeeded');
    await screenshot(page, '10-bulk-replayed');
  });

  it('exports, imports, renames and deletes flows from the list', async () => {
    await page.getByRole('link', { name: 'Back to flows' }).click();
    const row = page.locator('tr', { hasText: 'HR -> consumer (e2e)' });
    await row.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /^Export/ }).click(),
    ]);
    const file = await download.path();
    expect(file).toBeTruthy();
    await page.getByLabel('Import flow files').setInputFiles(file!);
    await expect
      .poll(() => page.locator('tr', { hasText: 'HR -> consumer (e2e)' }).count(), { timeout: 20_000 })
      .toBe(2);
    const copy = page.locator('tr', { hasText: 'HR -> consumer (e2e)' }).filter({ hasText: 'draft' }).first();
    await copy.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New flow name').fill('Imported copy');
    await page.getByLabel('New flow name').press('Enter');
    const renamed = page.locator('tr', { hasText: 'Imported copy' });
    await renamed.waitFor({ timeout: 20_000 });
    await screenshot(page, '11-flow-list-managed');
    await renamed.getByRole('button', { name: /^Delete/ }).click();
    await renamed.getByRole('button', { name: 'Confirm delete' }).click();
    await renamed.waitFor({ state: 'detached', timeout: 20_000 });
    expect(pageErrors).toEqual([]);
  });
});
