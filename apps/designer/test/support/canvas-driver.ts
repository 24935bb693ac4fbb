// Page helpers for driving the designer like a user: palette drops, port connections, generated form fields.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
}

/** Drags a palette item onto the canvas at a point relative to the React Flow wrapper. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<void> {
  await page
    .getByTestId(`palette-${type}`)
    .dragTo(page.getByTestId('rf__wrapper'), { targetPosition: { x, y } });
}

const handle = (page: Page, nodeId: string, port: string) =>
  page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${port}"]`);

/** Drags from an output port to an input port with the mouse (whether or not the canvas accepts the edge). */
export async function dragConnection(
  page: Page,
  source: string,
  sourcePort: string,
  target: string,
  targetPort = 'in',
) {
  await handle(page, source, sourcePort).hover();
  await page.mouse.down();
  const box = await handle(page, target, targetPort).boundingBox();
  if (!box) throw new Error(`no handle ${target}.${targetPort} on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await handle(page, target, targetPort).hover();
  await page.mouse.up();
}

const hasEdge = (page: Page, source: string, sourcePort: string, target: string) =>
  page.evaluate(
    ([s, p, t]) =>
      window
        .__sluice!.editor.getState()
        .edges.some((e) => e.source === s && (e.sourceHandle ?? 'out') === p && e.target === t),
    [source, sourcePort, target] as const,
  );

/** Draws an edge and checks it landed in the flow; a drag that slipped (a busy machine) is tried again. */
export async function connect(
  page: Page,
  source: string,
  sourcePort: string,
  target: string,
  targetPort = 'in',
) {
  for (let attempt = 1; ; attempt++) {
    await dragConnection(page, source, sourcePort, target, targetPort);
    if (await hasEdge(page, source, sourcePort, target)) return;
    if (attempt === 3)
      throw new Error(`could not connect ${source}.${sourcePort} -> ${target}.${targetPort}`);
    await page.mouse.move(0, 0);
  }
}

/** Selects a node by clicking its card (its title area, away from the handles). */
export async function selectNode(page: Page, nodeId: string): Promise<void> {
  await page.getByTestId(`node-${nodeId}`).click({ position: { x: 120, y: 20 } });
}

/** The control generated for a config field (`path` dotted, e.g. `auth.secret` or `cases.0.id`). */
export const field = (page: Page, nodeId: string, path: string) =>
  page.locator(`[id="cfg-${nodeId}-${path}"]`);
