// The canvas card of one node: kind icon, name, config summary, validation or run state, one handle per port.
import { Handle, type NodeProps, Position, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { descriptorOf, portsOf } from '../graph/ports';
import { useEditor } from '../stores/editor-store';
import type { CanvasNode } from '../stores/flow-model';
import { useOverlay } from '../stores/overlay-store';
import { Icon } from '../ui/icon';
import { useConfigCheck } from './use-config-check';

/**
 * Below this zoom cards draw as plain blocks (text is unreadable there and painting it costs frames). The canvas
 * sets a `far` class once (see flow-canvas.tsx) and CSS does the rest, so cards hold no zoom subscription.
 */
const FAR_ZOOM = 0.45;
export const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

const portTop = (i: number, n: number) => `${((i + 1) / (n + 1)) * 100}%`;

function NodeCardView({ id, selected }: NodeProps<CanvasNode>) {
  const meta = useEditor((s) => s.meta[id]);
  const serverIssues = useOverlay((s) => s.issuesByNode[id]);
  const step = useOverlay((s) => s.stepByNode[id]);
  const diff = useOverlay((s) => s.diffByNode?.[id]);
  const diffing = useOverlay((s) => s.diffByNode !== null);
  const type = meta?.type ?? '';
  const d = descriptorOf(type);
  const check = useConfigCheck(type, meta?.config);
  const ports = useMemo(() => portsOf(type, meta?.config), [type, meta?.config]);
  // The card already names the node: drop the validator's `node "id"` prefix.
  const problem = (serverIssues?.[0]?.message ?? check.problem)?.replace(/^node "[^"]+"\s*/, '');
  const cls = [
    'node-card',
    selected && 'selected',
    problem && !step && !diffing && 'invalid',
    step && `status-${step.status}`,
    diff && `diff-${diff}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid={`node-${id}`} data-status={step?.status ?? ''} data-diff={diff ?? ''}>
      {ports.inputs.map((p, i) => (
        <Handle
          key={p.id}
          id={p.id}
          type="target"
          position={Position.Left}
          style={{ top: portTop(i, ports.inputs.length) }}
        />
      ))}
      <div className={`kind-icon ${d?.category ?? ''}`}>
        <Icon name={d?.icon ?? 'box'} />
      </div>
      <div className="grow">
        <div className="row">
          <span className="title truncate grow">{meta?.name || d?.label || type}</span>
          <span className="kind">{id}</span>
        </div>
        <div className="summary truncate">{check.summary ?? d?.description}</div>
        {step?.error && <div className="problem truncate">{step.error.message}</div>}
        {!step && !diffing && problem && <div className="problem truncate">{problem}</div>}
      </div>
      {(step || diff) && (
        <span className={`badge corner ${step?.status ?? diff}`}>
          {step ? `${step.status}${step.attemptCount > 1 ? ` ×${step.attemptCount}` : ''}` : diff}
        </span>
      )}
      {ports.outputs.map((p, i) => (
        <Handle
          key={p.id}
          id={p.id}
          type="source"
          position={Position.Right}
          style={{ top: portTop(i, ports.outputs.length) }}
        >
          {ports.outputs.length > 1 && <span className="port-label">{p.label ?? p.id}</span>}
        </Handle>
      ))}
      {ports.error && (
        <Handle
          id="error"
          type="source"
          position={Position.Bottom}
          className="error-port"
          title="error port"
        />
      )}
    </div>
  );
}

/** Memoised and defined at module level so React Flow never re-creates the component. */
export const NodeCard = memo(NodeCardView);
export const nodeTypes = { sluice: NodeCard };
