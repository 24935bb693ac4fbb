// Designer benchmark: first render and panning fps of a 1,000-node / 1,200-edge flow next to a 10-node one
// in headless Chromium, and the gzip size of the initial JavaScript with and without Monaco.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../apps/designer/test/support/browser';
import { serveStatic } from '../../apps/designer/test/support/static-server';
import { gzipKb } from './bundle-size';
import { generateFlow } from './generate-flow';
import { panFps, timeToFirstRender } from './measure';
import './page-hook';

const designer = resolve(import.meta.dirname, '../../apps/designer');
const dist = resolve(designer, 'dist');
const PAN_MS = Number(process.env.BENCH_PAN_MS ?? 3000);

async function openEditor(context: BrowserContext, url: string, jsSeen?: Set<string>): Promise<Page> {
  const page = await context.newPage();
  if (jsSeen) page.on('request', (r) => r.url().endsWith('.js') && jsSeen.add(r.url()));
  await page.goto(`${url}/`);
  await page.evaluate(() => localStorage.setItem('sluice.token', 'bench'));
  await page.goto(`${url}/#/flows/new`);
  await page.reload();
  await page.waitForFunction(() => !!window.__sluice?.rf);
  return page;
}

async function measureFlow(context: BrowserContext, url: string, nodes: number, edges: number) {
  const page = await openEditor(context, url);
  const doc = generateFlow(nodes, edges);
  const ttfr = await timeToFirstRender(page, doc);
  const fitted = await panFps(page, PAN_MS);
  const zoom1 = await panFps(page, PAN_MS, 1);
  await page.close();
  return { nodes: doc.nodes.length, edges: doc.edges.length, ttfr, fitted, zoom1 };
}

async function measureBundle(context: BrowserContext, url: string) {
  const seen = new Set<string>();
  const page = await openEditor(context, url, seen);
  const before = new Set(seen);
  await page.evaluate(() => {
    const s = window.__sluice!;
    s.editor.getState().addNode('transform', { x: 0, y: 0 });
  });
  await page.getByTestId('edit-code-code').click();
  await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500); // let the TypeScript worker load
  await page.close();
  return { initialKb: gzipKb(dist, before), withMonacoKb: gzipKb(dist, seen) };
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD)
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
      cwd: designer,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  const { url, server } = await serveStatic(dist);
  const browser = await launchBrowser({ width: 1440, height: 900 });
  try {
    const small = await measureFlow(browser.context, url, 10, 9);
    const large = await measureFlow(browser.context, url, 1000, 1200);
    const bundle = await measureBundle(browser.context, url);
    const f = (n: number, d = 1) => n.toFixed(d);
    console.log('designer: canvas (headless Chromium, software rendering)');
    console.log(
      '  flow                     first render   pan fps (fit view, zoom)   pan fps (zoom 1, cards on screen)   worst frame',
    );
    for (const r of [small, large]) {
      const fit = `${f(r.fitted.fps)} (${f(r.fitted.zoom, 2)})`;
      const z1 = `${f(r.zoom1.fps)} (${r.zoom1.nodesInDom})`;
      const worst = `${f(Math.max(r.fitted.worstFrameMs, r.zoom1.worstFrameMs), 0)} ms`;
      console.log(
        `  ${`${r.nodes} nodes / ${r.edges} edges`.padEnd(24)} ${`${f(r.ttfr, 0)} ms`.padStart(12)}   ${fit.padStart(24)}   ${z1.padStart(33)}   ${worst.padStart(11)}`,
      );
    }
    const worstCase = Math.min(large.fitted.fps, large.zoom1.fps);
    console.log(
      `  ratio 1000/10: first render x${f(large.ttfr / small.ttfr, 1)}, pan fps x${f(worstCase / Math.min(small.fitted.fps, small.zoom1.fps), 2)} (goal: >= 50 fps at 1,000 nodes: ${worstCase >= 50 ? 'met' : 'NOT met'}, lower of the two views)`,
    );
    console.log(
      '  (a flow over 200 nodes mounts only the cards on screen; zoomed out below 0.45 it is drawn on one canvas)',
    );
    console.log('designer: initial JavaScript (gzip)');
    console.log(
      `  before Monaco: ${f(bundle.initialKb)} KB (goal < 500 KB: ${bundle.initialKb < 500 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  with Monaco:   ${f(bundle.withMonacoKb)} KB (x${f(bundle.withMonacoKb / bundle.initialKb, 1)} the initial load)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
