// The right-hand panel: the selected node (config, or its step when a run is open), the runs, the versions.

import { RunsPanel } from '../runs/runs-panel';
import { StepDetails } from '../runs/step-details';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { type InspectorTab, useUi } from '../stores/ui-store';
import { VersionsPanel } from '../versions/versions-panel';
import { NodeInspector } from './node-inspector';

const TABS: { id: InspectorTab; label: string }[] = [
  { id: 'node', label: 'Inspect' },
  { id: 'runs', label: 'Runs' },
  { id: 'versions', label: 'Versions' },
];

function selectedId(s: ReturnType<typeof useEditor.getState>): string | null {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (found) return null;
    found = n.id;
  }
  return found;
}

export function Inspector() {
  const tab = useUi((s) => s.tab);
  const setTab = useUi((s) => s.setTab);
  const nodeId = useEditor(selectedId);
  const runOpen = useOverlay((s) => s.run !== null);
  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'node' &&
        (nodeId && runOpen ? (
          <StepDetails nodeId={nodeId} />
        ) : nodeId ? (
          <NodeInspector key={nodeId} nodeId={nodeId} />
        ) : (
          <div className="empty">
            <strong>Nothing selected</strong>
            <span>
              Select a node to configure it{runOpen ? ' or to see its step in this run' : ''}. Shift-drag
              selects several; Delete removes them.
            </span>
          </div>
        ))}
      {tab === 'runs' && <RunsPanel />}
      {tab === 'versions' && <VersionsPanel />}
    </aside>
  );
}
