// The canvas: React Flow bound to the editor store, drop target of the palette, only valid connections accepted.
import { registry } from '@sluice/nodes';
import { checkConnection } from '@sluice/shared';
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useState } from 'react';
import { fitPositions, LARGE_FLOW } from '../graph/fit-positions';
import { onLargeLoad, useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { isFar, nodeTypes } from './node-card';
import { OverviewLayer } from './overview-layer';
import { DRAG_MIME } from './palette';
import { useTakenEdges } from './use-taken-edges';

const minimapColor = () => 'var(--border-strong)';
const NONE: never[] = [];

export function FlowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const nodes = useEditor((s) => s.nodes);
  const edges = useTakenEdges(useEditor((s) => s.edges));
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const connect = useEditor((s) => s.connect);
  const addNode = useEditor((s) => s.addNode);
  const checkpoint = useEditor((s) => s.checkpoint);
  const hasOverlay = useOverlay((s) => s.run !== null || s.diffByNode !== null);
  const { screenToFlowPosition } = useReactFlow();
  // Zoomed out, every card is a cheap block and all stay mounted (no churn while panning); zoomed in, only the
  // cards on screen are mounted, so a large flow keeps a small DOM.
  const far = useStore(isFar);
  // Large flows zoomed out are drawn by the overview layer; React Flow then only runs the viewport.
  const overview = far && nodes.length > LARGE_FLOW;
  // Fit the view to a flow that opens with nodes; an empty canvas must not re-fit when its first node lands.
  const [fitOnOpen] = useState(() => useEditor.getState().nodes.length > 0);
  // A large flow opens fitted by positions alone (zoomed out: the overview), so its cards never mount all at once.
  const [openLarge] = useState(() => {
    const n = useEditor.getState().nodes;
    return n.length > LARGE_FLOW ? fitPositions(n, paneSize()) : undefined;
  });
  const { setViewport } = useReactFlow();
  useEffect(() => {
    onLargeLoad((n) => void setViewport(fitPositions(n, paneSize())));
    return () => onLargeLoad(null);
  }, [setViewport]);

  const isValidConnection = useCallback((c: Connection | Edge) => {
    const s = useEditor.getState();
    const doc = { nodes: s.nodes.map((n) => ({ id: n.id, ...s.meta[n.id]! })), edges: s.edges as never };
    return checkConnection(registry, doc, c).ok;
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (!type) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(type, { x: p.x - 120, y: p.y - 32 });
    },
    [addNode, screenToFlowPosition],
  );

  const locked = readOnly || hasOverlay;
  return (
    <ReactFlow
      className={far ? 'far' : undefined}
      nodes={overview ? NONE : nodes}
      edges={overview ? NONE : edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={locked ? undefined : onEdgesChange}
      onConnect={locked ? undefined : connect}
      isValidConnection={isValidConnection}
      onNodeDragStart={checkpoint}
      onInit={(rf) => {
        if (window.__sluice) window.__sluice.rf = rf;
      }}
      onDrop={onDrop}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      nodesConnectable={!locked}
      deleteKeyCode={locked ? null : ['Delete', 'Backspace']}
      onlyRenderVisibleElements={nodes.length > LARGE_FLOW}
      minZoom={0.05}
      fitView={fitOnOpen && !openLarge}
      defaultViewport={openLarge}
      fitViewOptions={{ maxZoom: 1.1, padding: 0.2 }}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={18} size={1} />
      {overview && <OverviewLayer />}
      {overview && <div className="overview-hint">Overview of {nodes.length} nodes: zoom in to edit</div>}
      {/* A large flow's minimap re-renders every node on every pan frame; zooming out shows its overview instead. */}
      {nodes.length <= LARGE_FLOW && (
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" />
      )}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

// The canvas pane's size; before it is laid out, the window minus the palette and the inspector.
function paneSize(): { width: number; height: number } {
  const el = document.querySelector('.canvas')?.getBoundingClientRect();
  if (el && el.width > 0) return { width: el.width, height: el.height };
  return { width: Math.max(320, window.innerWidth - 592), height: Math.max(240, window.innerHeight - 48) };
}
