// JSON sample -> TypeScript type text, so a snippet is checked against the shape its upstream step really produced.

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_DEPTH = 12;

/**
 * The type of a JSON value. Arrays merge their elements: objects that differ get optional keys, mixed kinds a union.
 * @example sampleToType({ id: 'E1', tags: ['a'], manager: null }) // '{ id: string; tags: string[]; manager: null }'
 */
export function sampleToType(sample: unknown): string {
  return render(shapeOf(sample, 0), 0);
}

type Shape =
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'null' | 'unknown' }
  | { kind: 'array'; items: Shape[] }
  | { kind: 'object'; fields: Map<string, { shape: Shape; optional: boolean }> }
  | { kind: 'union'; members: Shape[] };

function shapeOf(v: unknown, depth: number): Shape {
  if (depth > MAX_DEPTH) return { kind: 'primitive', name: 'unknown' };
  if (v === null) return { kind: 'primitive', name: 'null' };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return { kind: 'primitive', name: typeof v as 'string' | 'number' | 'boolean' };
  }
  if (Array.isArray(v)) return { kind: 'array', items: union(v.map((x) => shapeOf(x, depth + 1))) };
  if (typeof v === 'object') {
    const fields = new Map<string, { shape: Shape; optional: boolean }>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      fields.set(k, { shape: shapeOf(x, depth + 1), optional: false });
    }
    return { kind: 'object', fields };
  }
  return { kind: 'primitive', name: 'unknown' };
}

/** Distinct shapes; all objects fold into one with optional keys for keys some lack. */
function union(shapes: Shape[]): Shape[] {
  const out: Shape[] = [];
  let merged: Extract<Shape, { kind: 'object' }> | null = null;
  let arrays: Shape[] | null = null;
  for (const s of shapes.flatMap((x) => (x.kind === 'union' ? x.members : [x]))) {
    if (s.kind === 'object') merged = merged ? mergeObjects(merged, s) : s;
    else if (s.kind === 'array') arrays = union([...(arrays ?? []), ...s.items]);
    else if (s.kind === 'primitive' && !out.some((o) => o.kind === 'primitive' && o.name === s.name))
      out.push(s);
  }
  if (merged) out.push(merged);
  if (arrays) out.push({ kind: 'array', items: arrays });
  return out;
}

function mergeObjects(
  a: Extract<Shape, { kind: 'object' }>,
  b: Extract<Shape, { kind: 'object' }>,
): Extract<Shape, { kind: 'object' }> {
  const fields = new Map<string, { shape: Shape; optional: boolean }>();
  for (const [k, fa] of a.fields) {
    const fb = b.fields.get(k);
    if (!fb) fields.set(k, { shape: fa.shape, optional: true });
    else fields.set(k, { shape: unionShape([fa.shape, fb.shape]), optional: fa.optional || fb.optional });
  }
  for (const [k, fb] of b.fields) if (!a.fields.has(k)) fields.set(k, { shape: fb.shape, optional: true });
  return { kind: 'object', fields };
}

function unionShape(shapes: Shape[]): Shape {
  const u = union(shapes);
  return u.length === 1 ? u[0]! : { kind: 'union', members: u };
}

function render(s: Shape, indent: number): string {
  switch (s.kind) {
    case 'union':
      return s.members.map((x) => render(x, indent)).join(' | ');
    case 'primitive':
      return s.name;
    case 'array': {
      if (s.items.length === 0) return 'unknown[]';
      const inner = s.items.map((x) => render(x, indent)).join(' | ');
      return s.items.length > 1 ? `(${inner})[]` : `${inner}[]`;
    }
    case 'object': {
      if (s.fields.size === 0) return 'Record<string, unknown>';
      const pad = '  '.repeat(indent + 1);
      const lines = [...s.fields].map(([k, f]) => {
        const key = IDENT.test(k) ? k : JSON.stringify(k);
        return `${pad}${key}${f.optional ? '?' : ''}: ${render(f.shape, indent + 1)};`;
      });
      return `{\n${lines.join('\n')}\n${'  '.repeat(indent)}}`;
    }
  }
}
