// The flow editor: top bar, palette, canvas, inspector (node / runs / versions) and the snippet drawer.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { flowsApi } from '../api/endpoints';
import { FlowCanvas } from '../canvas/flow-canvas';
import { Palette } from '../canvas/palette';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { useUi } from '../stores/ui-store';
import { Icon } from '../ui/icon';
import { EditorTopBar } from './editor-top-bar';
import { saveDraft } from './flow-actions';
import { Inspector } from './inspector';
import { useLiveValidation } from './use-live-validation';
import { useShortcuts } from './use-shortcuts';

const SnippetDrawer = lazy(() => import('../snippets/snippet-drawer'));

function EditorBody() {
  const count = useEditor((s) => s.nodes.length);
  const addNode = useEditor((s) => s.addNode);
  const snippet = useUi((s) => s.snippet);
  const { screenToFlowPosition } = useReactFlow();
  const addAtCenter = useCallback(
    (type: string) => {
      const el = document.querySelector('.canvas')?.getBoundingClientRect();
      const p = screenToFlowPosition({
        x: (el?.left ?? 0) + (el?.width ?? 800) / 2,
        y: (el?.top ?? 0) + (el?.height ?? 600) / 2,
      });
      addNode(type, { x: p.x - 120 + (count % 5) * 24, y: p.y - 32 + (count % 5) * 24 });
    },
    [addNode, count, screenToFlowPosition],
  );
  useShortcuts(saveDraft);
  useLiveValidation();
  return (
    <div className="app">
      <EditorTopBar />
      <div className="workspace">
        <Palette onAdd={addAtCenter} />
        <main className="canvas" aria-label="Flow canvas">
          <FlowCanvas />
          {count === 0 && (
            <div className="canvas-empty">
              <div className="empty card" style={{ maxWidth: 340 }}>
                <strong>Start with a trigger</strong>
                <span>
                  Drag a Webhook, Schedule or Manual trigger from the left onto the canvas, then add steps and
                  connect their ports.
                </span>
              </div>
            </div>
          )}
        </main>
        <Inspector />
      </div>
      {snippet && (
        <Suspense fallback={<div className="toast">Loading the code editor…</div>}>
          <SnippetDrawer nodeId={snippet.nodeId} path={snippet.path} />
        </Suspense>
      )}
    </div>
  );
}

export function EditorPage({ flowId }: { flowId: string | null }) {
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');
  useEffect(() => {
    let live = true;
    useOverlay.getState().openRun(null);
    useOverlay.getState().showDiff(null);
    useOverlay.getState().setIssues([], []);
    useUi.getState().setTab('node');
    if (!flowId) {
      if (useEditor.getState().flowId !== null || useEditor.getState().nodes.length === 0)
        useEditor.getState().load({ name: 'Untitled flow', nodes: [], edges: [], variables: {} });
      setState('ready');
      return;
    }
    if (useEditor.getState().flowId === flowId) {
      setState('ready');
      return;
    }
    setState('loading');
    flowsApi
      .get(flowId)
      .then((f) => {
        if (!live) return;
        useEditor.getState().load(f);
        setState('ready');
      })
      .catch((err) => live && setState({ error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [flowId]);
  if (state === 'loading')
    return (
      <div className="center-page">
        <span className="row muted">
          <span className="spinner" /> Loading flow…
        </span>
      </div>
    );
  if (typeof state === 'object')
    return (
      <div className="center-page">
        <div className="empty card">
          <Icon name="alert" />
          <strong>Could not open this flow</strong>
          <span>{state.error}</span>
          <a className="btn" href="#/">
            Back to flows
          </a>
        </div>
      </div>
    );
  return (
    <ReactFlowProvider>
      <EditorBody />
    </ReactFlowProvider>
  );
}
