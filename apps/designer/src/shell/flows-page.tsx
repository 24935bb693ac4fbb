// The flow list: open, create, rename, delete, import and export flows.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { flowsApi } from '../api/endpoints';
import type { FlowSummary } from '../api/types';
import { ago } from '../runs/format';
import { useSession } from '../stores/session-store';
import { useUi } from '../stores/ui-store';
import { Icon } from '../ui/icon';
import { ThemeToggle } from '../ui/theme-toggle';
import { downloadFlow, readFlowFile } from './flow-files';
import { FlowRow } from './flow-row';

export function FlowsPage() {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const notify = useUi((s) => s.notify);
  const load = useCallback(() => {
    flowsApi
      .list()
      .then((f) => {
        setFlows(f);
        setError(null);
      })
      .catch((err) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);
  const act = (fn: () => Promise<unknown>, done: string) => async () => {
    try {
      await fn();
      notify(done);
      load();
    } catch (err) {
      notify(errorMessage(err), true);
    }
  };
  const importFiles = async (files: FileList | null) => {
    for (const file of Array.from(files ?? []))
      await act(async () => flowsApi.import(await readFlowFile(file)), `Imported ${file.name}`)();
    if (fileRef.current) fileRef.current.value = '';
  };
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <div className="brand-mark">
            <Icon name="split" size={13} />
          </div>
          Sluice
        </div>
        <div className="grow" />
        <ThemeToggle />
        <button type="button" className="btn ghost" onClick={() => useSession.getState().signOut()}>
          <Icon name="logout" /> Sign out
        </button>
      </header>
      <div className="flows-page">
        <div className="row" style={{ marginBottom: 16 }}>
          <h1 className="grow" style={{ fontSize: 18 }}>
            Flows
          </h1>
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            multiple
            hidden
            aria-label="Import flow files"
            onChange={(e) => void importFiles(e.target.files)}
          />
          <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
            <Icon name="upload" /> Import JSON
          </button>
          <a className="btn primary" href="#/flows/new" data-testid="new-flow">
            <Icon name="plus" /> New flow
          </a>
        </div>
        {error && <div className="banner">Could not load flows: {error}</div>}
        {!flows && !error && (
          <div className="row muted">
            <span className="spinner" /> Loading flows…
          </div>
        )}
        {flows?.length === 0 && (
          <div className="card empty">
            <strong>No flows yet</strong>
            <span>Create a flow and drag a trigger onto the canvas, or import a flow JSON file.</span>
            <a className="btn primary" href="#/flows/new">
              <Icon name="plus" /> New flow
            </a>
          </div>
        )}
        {flows && flows.length > 0 && (
          <div className="card">
            <table className="flow-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Status</th>
                  <th>Versions</th>
                  <th>Updated</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {flows.map((f) => (
                  <FlowRow
                    key={f.id}
                    flow={f}
                    updated={ago(f.updatedAt)}
                    onRename={(name) =>
                      act(
                        async () => flowsApi.save(f.id, { ...(await flowsApi.get(f.id)), name }),
                        `Renamed to ${name}`,
                      )()
                    }
                    onExport={() =>
                      void flowsApi.export(f.id).then(downloadFlow, (err) => notify(errorMessage(err), true))
                    }
                    onDelete={act(() => flowsApi.remove(f.id), `Deleted ${f.name}`)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
