// Top bar of the editor: back, flow name, state, edit actions (undo/redo/layout), save, publish, theme.
import { useState } from 'react';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { Icon } from '../ui/icon';
import { ThemeToggle } from '../ui/theme-toggle';
import { publishFlow, saveDraft, validateDraft } from './flow-actions';
import { downloadFlow } from './flow-files';
import { RunNowButton } from './run-now-button';

export function EditorTopBar() {
  const name = useEditor((s) => s.name);
  const version = useEditor((s) => s.version);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const issues = useOverlay((s) => s.issues.length);
  const [busy, setBusy] = useState<null | 'save' | 'publish'>(null);
  const e = useEditor.getState();
  const run = (what: 'save' | 'publish', fn: () => Promise<unknown>) => async () => {
    setBusy(what);
    await fn();
    setBusy(null);
  };
  return (
    <header className="topbar">
      <a className="btn ghost icon" href="#/" aria-label="Back to flows">
        <Icon name="back" />
      </a>
      <div className="brand-mark" aria-hidden="true">
        <Icon name="split" size={13} />
      </div>
      <input
        className="name-input"
        aria-label="Flow name"
        value={name}
        onChange={(ev) => e.setName(ev.target.value)}
      />
      {version !== null && <span className="badge">v{version}</span>}
      {dirty ? (
        <span className="badge draft">unsaved</span>
      ) : (
        version !== null && <span className="badge">saved</span>
      )}
      {issues > 0 && (
        <button
          type="button"
          className="badge failed"
          style={{ cursor: 'pointer' }}
          onClick={() => void validateDraft()}
        >
          {issues} problem{issues > 1 ? 's' : ''}
        </button>
      )}
      <div className="sep" />
      <button
        type="button"
        className="btn ghost icon"
        aria-label="Undo"
        title="Undo (Ctrl+Z)"
        disabled={!canUndo}
        onClick={() => e.undo()}
      >
        <Icon name="undo" />
      </button>
      <button
        type="button"
        className="btn ghost icon"
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
        disabled={!canRedo}
        onClick={() => e.redo()}
      >
        <Icon name="redo" />
      </button>
      <button
        type="button"
        className="btn ghost"
        title="Auto-layout (Shift+L)"
        onClick={() => e.autoLayout()}
      >
        <Icon name="layout" /> Layout
      </button>
      <div className="grow" />
      <button
        type="button"
        className="btn ghost icon"
        aria-label="Export flow as JSON"
        title="Export JSON"
        onClick={() => downloadFlow(e.document())}
      >
        <Icon name="download" />
      </button>
      <ThemeToggle />
      <RunNowButton />
      <button
        type="button"
        className="btn"
        onClick={run('save', saveDraft)}
        disabled={busy !== null}
        title="Save draft (Ctrl+S)"
      >
        {busy === 'save' ? <span className="spinner" /> : null} Save draft
      </button>
      <button
        type="button"
        className="btn primary"
        onClick={run('publish', publishFlow)}
        disabled={busy !== null}
      >
        {busy === 'publish' ? <span className="spinner" /> : <Icon name="upload" />} Publish
      </button>
    </header>
  );
}
