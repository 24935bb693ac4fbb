// The config side panel of the selected node: name, generated config form, retry policy, timeout, notes.
import { useMemo } from 'react';
import { checkConfig } from '../canvas/use-config-check';
import { FieldView } from '../forms/field-view';
import { FormContext, type FormContextValue } from '../forms/form-context';
import { formFields } from '../forms/schema-to-fields';
import { setIn } from '../forms/set-in';
import { descriptorOf } from '../graph/ports';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { useUi } from '../stores/ui-store';
import { Icon } from '../ui/icon';
import { retryFields } from './retry-fields';

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const meta = useEditor((s) => s.meta[nodeId]);
  const updateMeta = useEditor((s) => s.updateMeta);
  const serverIssues = useOverlay((s) => s.issuesByNode[nodeId]);
  const openSnippet = useUi((s) => s.openSnippet);
  const d = meta ? descriptorOf(meta.type) : undefined;
  const fields = useMemo(() => (d ? formFields(d) : []), [d]);
  const local = useMemo(() => checkConfig(meta?.type ?? '', meta?.config), [meta?.type, meta?.config]);

  const errors = useMemo(() => {
    const out: Record<string, string> = { ...local.byField };
    for (const i of serverIssues ?? []) {
      const at = i.path?.indexOf('config') ?? -1;
      if (at >= 0) out[(i.path ?? []).slice(at + 1).join('.')] = i.message;
    }
    return out;
  }, [local, serverIssues]);

  if (!meta || !d) return <div className="empty">Unknown node kind.</div>;
  const configForm: FormContextValue = {
    value: meta.config,
    change: (path, v) => updateMeta(nodeId, { config: setIn(meta.config, path, v) }),
    errors,
    openCode: (path) => openSnippet(nodeId, path),
    idPrefix: `cfg-${nodeId}`,
  };
  const retryForm: FormContextValue = {
    value: meta.retry ?? {},
    change: (path, v) =>
      updateMeta(nodeId, { retry: setIn(meta.retry ?? { attempts: 1 }, path, v) as never }),
    errors: {},
    openCode: () => {},
    idPrefix: `retry-${nodeId}`,
  };
  const general = (serverIssues ?? []).filter((i) => (i.path?.indexOf('config') ?? -1) < 0);
  return (
    <div className="panel-body" data-testid="node-inspector">
      <div className="section">
        <div className="row">
          <span className={`kind-icon ${d.category}`}>
            <Icon name={d.icon} />
          </span>
          <div className="grow">
            <h2>{d.label}</h2>
            <div className="muted mono">{nodeId}</div>
          </div>
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {d.description}
        </p>
        {general.map((i) => (
          <div className="banner" role="alert" key={`${i.code}-${i.message}`}>
            {i.message}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`name-${nodeId}`}>Name</label>
          <input
            id={`name-${nodeId}`}
            className="input"
            placeholder={d.label}
            value={meta.name ?? ''}
            onChange={(e) => updateMeta(nodeId, { name: e.target.value || undefined })}
          />
        </div>
      </div>
      <div className="section">
        <h3>Configuration</h3>
        <FormContext.Provider value={configForm}>
          {fields.map((f) => (
            <FieldView key={f.key || 'root'} field={f} path={[]} />
          ))}
        </FormContext.Provider>
      </div>
      {d.hasErrorPort && (
        <div className="section">
          <h3>Errors and retries</h3>
          <span className="help muted">
            After the last attempt fails the run fails, unless the red <b>error</b> port at the bottom of the
            card is connected: then the run continues there.
          </span>
          <FormContext.Provider value={retryForm}>
            {retryFields.map((f) => (
              <FieldView key={f.key} field={f} path={[]} />
            ))}
          </FormContext.Provider>
          <div className="field">
            <label htmlFor={`timeout-${nodeId}`}>Step timeout (ms)</label>
            <input
              id={`timeout-${nodeId}`}
              className="input"
              type="number"
              placeholder="kind default"
              value={meta.timeoutMs ?? ''}
              onChange={(e) =>
                updateMeta(nodeId, { timeoutMs: e.target.value ? Number(e.target.value) : undefined })
              }
            />
          </div>
        </div>
      )}
      <div className="section">
        <div className="field">
          <label htmlFor={`notes-${nodeId}`}>Notes</label>
          <textarea
            id={`notes-${nodeId}`}
            className="textarea"
            style={{ fontFamily: 'var(--font)' }}
            value={meta.notes ?? ''}
            onChange={(e) => updateMeta(nodeId, { notes: e.target.value || undefined })}
          />
        </div>
      </div>
    </div>
  );
}
