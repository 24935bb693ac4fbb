// The palette: node kinds from the descriptors, grouped by category and searchable; drag onto the canvas or press Enter.
import { descriptors } from '@sluice/nodes';
import type { NodeCategory, NodeDescriptor } from '@sluice/shared';
import { useMemo, useState } from 'react';
import { Icon } from '../ui/icon';

export const DRAG_MIME = 'application/x-sluice-node';

const CATEGORY_LABEL: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  logic: 'Logic',
  transform: 'Transform',
  timing: 'Timing',
  delivery: 'Delivery',
  approval: 'Approval',
  data: 'Data',
};
const ORDER: NodeCategory[] = ['trigger', 'transform', 'logic', 'timing', 'data', 'approval', 'delivery'];

export function groupDescriptors(list: NodeDescriptor[], query: string) {
  const q = query.trim().toLowerCase();
  const hit = (d: NodeDescriptor) =>
    !q || [d.label, d.type, d.description, d.category].some((s) => s.toLowerCase().includes(q));
  return ORDER.map((c) => ({
    category: c,
    label: CATEGORY_LABEL[c],
    items: list.filter((d) => d.category === c && hit(d)),
  })).filter((g) => g.items.length > 0);
}

export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupDescriptors(descriptors, query), [query]);
  return (
    <aside className="sidebar" aria-label="Node palette">
      <input
        className="input palette-search"
        placeholder="Search nodes…"
        aria-label="Search nodes"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div style={{ overflow: 'auto', flex: 1 }}>
        {groups.length === 0 && <div className="empty">No node kind matches “{query}”.</div>}
        {groups.map((g) => (
          <div className="palette-group" key={g.category}>
            <h3>{g.label}</h3>
            {g.items.map((d) => (
              <button
                type="button"
                key={d.type}
                className="palette-item"
                draggable
                data-testid={`palette-${d.type}`}
                title={`${d.description} Drag onto the canvas, or press Enter to add.`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_MIME, d.type);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={(e) => e.detail === 0 && onAdd(d.type)}
                onDoubleClick={() => onAdd(d.type)}
              >
                <span className={`kind-icon ${d.category}`}>
                  <Icon name={d.icon} />
                </span>
                <span className="grow">
                  <div>{d.label}</div>
                  <div className="desc truncate">{d.description}</div>
                </span>
              </button>
            ))}
          </div>
        ))}
      </div>
    </aside>
  );
}
