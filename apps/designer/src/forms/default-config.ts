// A usable starting config for a new node: zod defaults when `{}` parses, else defaults built from the schema.
import type { NodeDescriptor } from '@sluice/shared';
import { configJsonSchema, type JsonSchema } from './schema-to-fields';

export function defaultConfig(d: Pick<NodeDescriptor, 'config'>): Record<string, unknown> {
  const parsed = d.config.safeParse({});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  return (valueFor(configJsonSchema(d)) as Record<string, unknown>) ?? {};
}

/** A default for one schema: its `default`, the first variant of a union, '' for required strings. */
export function valueFor(s: JsonSchema): unknown {
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.const !== undefined) return s.const;
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.[0]) return valueFor(variants[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (s.enum) return s.enum[0];
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    const req = new Set(s.required ?? []);
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      const val = valueFor(v);
      if (val !== undefined && (req.has(k) || v.default !== undefined)) out[k] = val;
    }
    return out;
  }
  if (type === 'array') return [];
  if (type === 'string') return '';
  if (type === 'boolean') return false;
  if (type === 'number' || type === 'integer') return s.minimum ?? 0;
  return undefined;
}
