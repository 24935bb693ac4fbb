// A generated flow of N nodes in layers (webhook -> transforms / HTTP deliveries) with E edges, deterministic.
import type { FlowDocument, FlowEdge, FlowNode } from '@sluice/shared';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateFlow(nodeCount: number, edgeCount: number, seed = 7): FlowDocument {
  const rand = prng(seed);
  const perLayer = Math.max(1, Math.round(Math.sqrt(nodeCount / 2)));
  const nodes: FlowNode[] = [];
  const layers: string[][] = [];
  for (let i = 0; i < nodeCount; i++) {
    const layer = i === 0 ? 0 : 1 + Math.floor((i - 1) / perLayer);
    const row = i === 0 ? 0 : (i - 1) % perLayer;
    const id = i === 0 ? 'hook' : `n${i}`;
    const type = i === 0 ? 'trigger.webhook' : i % 5 === 0 ? 'delivery.http' : 'transform';
    const config =
      type === 'trigger.webhook'
        ? { path: 'bench' }
        : type === 'delivery.http'
          ? { url: `https://consumer.example/items/${i}` }
          : { code: 'export default (input: any) => input;\n' };
    nodes.push({ id, type, position: { x: layer * 320, y: row * 110 }, config });
    const list = layers[layer] ?? [];
    list.push(id);
    layers[layer] = list;
  }
  const edges: FlowEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string) => {
    const key = `${source}>${target}`;
    if (seen.has(key) || edges.length >= edgeCount) return;
    seen.add(key);
    edges.push({ id: `e${edges.length}`, source, target });
  };
  // Every node gets one parent from the previous layer; the rest are extra edges between adjacent layers.
  for (let l = 1; l < layers.length; l++) {
    const prev = layers[l - 1]!;
    for (const id of layers[l]!) add(prev[Math.floor(rand() * prev.length)]!, id);
  }
  let guard = 0;
  while (edges.length < edgeCount && guard++ < edgeCount * 20) {
    const l = 1 + Math.floor(rand() * (layers.length - 1));
    const prev = layers[l - 1]!;
    const cur = layers[l]!;
    add(prev[Math.floor(rand() * prev.length)]!, cur[Math.floor(rand() * cur.length)]!);
  }
  return { name: `bench ${nodeCount}`, variables: {}, nodes, edges };
}
