// Walks the JSON schema of a node kind's zod config (zod 4 `toJSONSchema`) into the form model, applying UI hints.
import type { FieldHint, NodeDescriptor } from '@sluice/shared';
import { type FieldModel, humanize } from './field-model';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  description?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const cache = new WeakMap<object, JsonSchema>();
const SECRET_KEY = /^(secret|token|password|apiKey|clientSecret)$/;

/** The input-side JSON schema of a descriptor's config (cached per schema object). */
export function configJsonSchema(d: Pick<NodeDescriptor, 'config'>): JsonSchema {
  let s = cache.get(d.config);
  if (!s) {
    const raw = (d.config as unknown as { toJSONSchema(p: object): JsonSchema }).toJSONSchema({
      io: 'input',
      unrepresentable: 'any',
    });
    s = inlineRefs(raw, raw.$defs ?? {}, 0) as JsonSchema;
    cache.set(d.config, s);
  }
  return s;
}

// Schemas with a `.meta({id})` come out as `$ref`s into `$defs`; the form walker wants them inline.
function inlineRefs(node: unknown, defs: Record<string, JsonSchema>, depth: number): unknown {
  if (depth > 20 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, defs, depth + 1));
  const { $ref, $defs: _, ...rest } = node as JsonSchema;
  const target = $ref ? defs[$ref.replace('#/$defs/', '')] : undefined;
  const merged: Record<string, unknown> = target ? { ...target, ...rest } : rest;
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, inlineRefs(v, defs, depth + 1)]));
}

/** The fields of a kind's config form, top level sorted by `ui.fields[key].order`, hidden ones left out. */
export function formFields(d: Pick<NodeDescriptor, 'config' | 'ui'>): FieldModel[] {
  const root = configJsonSchema(d);
  const hints = d.ui.fields ?? {};
  if (root.oneOf || root.anyOf) {
    const union = toField('config', root, true, {});
    return union.kind === 'union' ? hoistUnion(union, hints) : [union];
  }
  return objectFields(root, hints);
}

function objectFields(s: JsonSchema, hints: Record<string, FieldHint>): FieldModel[] {
  const props = Object.entries(s.properties ?? {});
  const req = new Set(s.required ?? []);
  const order = (k: string, i: number) => hints[k]?.order ?? 1000 + i;
  return props
    .map(([k, v], i) => ({ k, v, i }))
    .filter(({ k }) => !hints[k]?.hidden)
    .sort((a, b) => order(a.k, a.i) - order(b.k, b.i))
    .map(({ k, v }) => toField(k, v, req.has(k), hints[k] ?? {}));
}

// A root discriminated union (delay: duration | until) renders as its selector plus the chosen variant's fields.
function hoistUnion(u: Extract<FieldModel, { kind: 'union' }>, hints: Record<string, FieldHint>) {
  const h = hints[u.discriminator] ?? {};
  return [
    {
      ...u,
      key: '',
      label: h.label ?? humanize(u.discriminator),
      variants: u.variants.map((v) => ({
        value: v.value,
        fields: v.fields.map((f) => applyHint(f, hints[f.key])),
      })),
    },
  ];
}

function applyHint(f: FieldModel, h: FieldHint | undefined): FieldModel {
  if (!h) return f;
  return {
    ...f,
    label: h.label ?? f.label,
    help: h.help ?? f.help,
    placeholder: h.placeholder ?? f.placeholder,
  };
}

function variantsOf(s: JsonSchema): JsonSchema[] | undefined {
  const list = s.oneOf ?? s.anyOf;
  if (!list || list.length === 0) return undefined;
  return list;
}

function discriminatorOf(variants: JsonSchema[]): string | undefined {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((k) => variants.every((v) => v.properties?.[k]?.const !== undefined));
}

/** One field from its schema; the widget hint wins over what the schema suggests. */
export function toField(key: string, s: JsonSchema, required: boolean, h: FieldHint): FieldModel {
  const base = {
    key,
    label: h.label ?? humanize(key),
    help: h.help ?? s.description,
    placeholder: h.placeholder,
    required,
    defaultValue: s.default,
  };
  const variants = variantsOf(s);
  const disc = variants && discriminatorOf(variants);
  if (variants && disc) {
    return {
      ...base,
      kind: 'union',
      discriminator: disc,
      variants: variants.map((v) => ({
        value: String(v.properties?.[disc]?.const),
        fields: objectFields({ ...v, properties: omit(v.properties ?? {}, disc) }, {}),
      })),
    };
  }
  const w = h.widget;
  if (w === 'code' || w === 'json' || w === 'keyValue' || w === 'duration' || w === 'cron' || w === 'secret')
    return { ...base, kind: w };
  if (w === 'textarea') return { ...base, kind: 'textarea' };
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (s.enum) return { ...base, kind: 'select', options: s.enum.map(String) };
  if (type === 'boolean') return { ...base, kind: 'switch' };
  if (type === 'number' || type === 'integer')
    return { ...base, kind: 'number', integer: type === 'integer', min: s.minimum, max: s.maximum };
  if (type === 'array' && s.items?.type === 'object')
    return { ...base, kind: 'list', item: toField('item', s.items, true, {}) };
  if (type === 'object' && s.properties) return { ...base, kind: 'object', fields: objectFields(s, {}) };
  if (
    type === 'object' &&
    typeof s.additionalProperties === 'object' &&
    s.additionalProperties.type === 'string'
  )
    return { ...base, kind: 'keyValue' };
  // Credentials render masked, with a `{{secret.NAME}}` hint, even when the kind gave no widget hint.
  if (type === 'string' && SECRET_KEY.test(key)) return { ...base, kind: 'secret' };
  if (type === 'string') return { ...base, kind: 'text' };
  return { ...base, kind: 'json' };
}

function omit<T>(o: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = o;
  return rest;
}
