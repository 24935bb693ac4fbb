import { describe, expect, it } from 'vitest';
import { fitPositions } from './fit-positions';

describe('fitPositions', () => {
  it('centres the nodes and zooms out to fit them with a margin', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: 9760, y: 2932 } }];
    const v = fitPositions(nodes, { width: 1000, height: 600 });
    expect(v.zoom).toBeCloseTo(0.09, 2);
    // The middle of the nodes' box lands in the middle of the pane.
    expect(v.x + 5000 * v.zoom).toBeCloseTo(500, 5);
    expect(v.y + 1500 * v.zoom).toBeCloseTo(300, 5);
  });

  it('clamps the zoom and handles an empty flow', () => {
    expect(fitPositions([{ position: { x: 0, y: 0 } }], { width: 1000, height: 600 }).zoom).toBe(1.1);
    expect(fitPositions([], { width: 10, height: 10 })).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
