// While a run is shown, mark the edges its steps took (both ends ran, and the source left through that port).
import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useOverlay } from '../stores/overlay-store';

export function useTakenEdges(edges: Edge[]): Edge[] {
  const steps = useOverlay((s) => s.stepByNode);
  return useMemo(() => {
    if (Object.keys(steps).length === 0) return edges;
    return edges.map((e) => {
      const from = steps[e.source];
      const to = steps[e.target];
      const port = e.sourceHandle ?? 'out';
      const leftBy = from?.ports ?? (from?.port ? [from.port] : null);
      const taken =
        !!from && !!to && (leftBy ? leftBy.includes(port) : port !== 'error' || from.status === 'failed');
      return taken
        ? { ...e, className: `${e.className ?? ''} taken`.trim(), animated: to.status === 'running' }
        : e;
    });
  }, [edges, steps]);
}
