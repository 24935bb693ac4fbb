// One row of the flow list, with inline rename and a confirm step before delete.
import { useState } from 'react';
import type { FlowSummary } from '../api/types';
import { Icon } from '../ui/icon';

interface Props {
  flow: FlowSummary;
  updated: string;
  onRename(name: string): void;
  onExport(): void;
  onDelete(): void;
}

export function FlowRow({ flow, updated, onRename, onExport, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(flow.name);
  const [confirm, setConfirm] = useState(false);
  return (
    <tr data-testid={`flow-${flow.id}`}>
      <td>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setEditing(false);
              if (name.trim() && name !== flow.name) onRename(name.trim());
            }}
          >
            <input
              className="input"
              aria-label="New flow name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => setEditing(false)}
            />
          </form>
        ) : (
          <a className="link" href={`#/flows/${flow.id}`}>
            {flow.name}
          </a>
        )}
      </td>
      <td>
        <span className={`badge ${flow.status}`}>
          {flow.status === 'published' ? `published v${flow.publishedVersion}` : 'draft'}
        </span>
      </td>
      <td className="muted">{flow.latestVersion}</td>
      <td className="muted">{updated}</td>
      <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
        <button type="button" className="btn ghost small" onClick={() => setEditing(true)}>
          Rename
        </button>
        <button
          type="button"
          className="btn ghost icon"
          aria-label={`Export ${flow.name}`}
          onClick={onExport}
        >
          <Icon name="download" size={14} />
        </button>
        {confirm ? (
          <button
            type="button"
            className="btn danger small"
            onClick={onDelete}
            onBlur={() => setConfirm(false)}
          >
            Confirm delete
          </button>
        ) : (
          <button
            type="button"
            className="btn ghost icon"
            aria-label={`Delete ${flow.name}`}
            onClick={() => setConfirm(true)}
          >
            <Icon name="trash" size={14} />
          </button>
        )}
      </td>
    </tr>
  );
}
