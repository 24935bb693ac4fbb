// Declarations a snippet is type-checked against: `Input` from a sample value (or a declared type) and `SnippetContext`.

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The TypeScript type of a JSON value, e.g. `{ id: string; tags: string[] }`. */
export function typeOfSample(value: unknown, depth = 0): string {
  if (value === null) return 'null';
  if (depth > 8) return 'unknown';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object': {
      if (Array.isArray(value)) {
        const types = [...new Set(value.slice(0, 20).map((v) => typeOfSample(v, depth + 1)))];
        if (types.length === 0) return 'unknown[]';
        const t = types.join(' | ');
        return types.length > 1 ? `(${t})[]` : `${t}[]`;
      }
      const pad = '  '.repeat(depth + 1);
      const fields = Object.entries(value as Record<string, unknown>).map(
        ([k, v]) => `${pad}${IDENT.test(k) ? k : JSON.stringify(k)}: ${typeOfSample(v, depth + 1)};`,
      );
      return fields.length ? `{\n${fields.join('\n')}\n${'  '.repeat(depth)}}` : 'Record<string, unknown>';
    }
    default:
      return 'unknown';
  }
}

const CONTEXT = `declare interface SnippetContext {
  readonly runId: string;
  readonly stepId: string;
  readonly nodeId: string;
  readonly flowId: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Lands in the step's logs. */
  log(...args: unknown[]): void;
}`;

/** A global `Input` type (from a declared type, else the sample) plus `SnippetContext`. */
export function snippetDts(opts: { sample?: unknown; declaredType?: string }): string {
  const input =
    opts.declaredType?.trim() || (opts.sample === undefined ? 'unknown' : typeOfSample(opts.sample));
  return `declare type Input = ${input};\n${CONTEXT}\n`;
}
