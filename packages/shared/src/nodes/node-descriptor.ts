// What every node kind declares about itself: ports, config schema, UI hints. Browser-safe, no executors.
import type { z } from 'zod';

export type NodeCategory = 'trigger' | 'logic' | 'transform' | 'timing' | 'delivery' | 'approval' | 'data';

export interface PortSpec {
  id: string;
  label?: string;
}

export type FieldWidget =
  | 'text'
  | 'textarea'
  | 'code'
  | 'number'
  | 'select'
  | 'switch'
  | 'duration'
  | 'cron'
  | 'keyValue'
  | 'secret'
  | 'json'
  | 'rules'
  | 'cases';

export interface FieldHint {
  widget?: FieldWidget;
  label?: string;
  help?: string;
  placeholder?: string;
  /** Lower first; fields without an order follow in schema order. */
  order?: number;
  hidden?: boolean;
}

export interface NodeDescriptor<C = any> {
  type: string;
  version: number;
  label: string;
  description: string;
  category: NodeCategory;
  /** Icon name the designer maps to an SVG (e.g. `webhook`, `code`, `split`, `clock`, `send`). */
  icon: string;
  /** zod schema of the node's config, with defaults; parsing `{}` must give a usable config or a clear error. */
  config: z.ZodType<C>;
  /** Input ports; empty for triggers. */
  inputs: PortSpec[];
  /** Output ports for a given (parsed) config, without the implicit `error` port. */
  outputs: (config: C) => PortSpec[];
  /** Whether the node may connect its implicit `error` port (all non-trigger kinds). */
  hasErrorPort: boolean;
  /**
   * Deterministic and without effects outside its output (transform, condition): the engine runs it inline, before
   * a run's first commit or inside the job of the step before it, and may run it again after a crash.
   */
  pure?: boolean;
  ui: {
    /** The config field holding TypeScript code, if any (opens Monaco). */
    codeField?: string;
    fields?: Record<string, FieldHint>;
    /** One line shown on the canvas card. */
    summary?: (config: C) => string;
  };
}

export const isTrigger = (d: Pick<NodeDescriptor, 'category'>) => d.category === 'trigger';

/** Lookup of descriptors by type; the validator and the designer take one. */
export type NodeRegistry = ReadonlyMap<string, NodeDescriptor>;
