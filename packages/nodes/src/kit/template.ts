// `{{input.a.b}}` templates: find placeholders and fill them from a scope object, with per-use encoding.
import { NonRetriableError } from '@sluice/shared';
import { memo } from './memo';
import { getPath, parsePath } from './path';

/** A placeholder such as `{{ input.person.id }}`; group 1 is the path. */
export const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** A template could not be filled: a placeholder names nothing in the scope, or the result is unusable. */
export class TemplateError extends NonRetriableError {
  constructor(message: string, details?: unknown) {
    super(message, details, 'TemplateError');
  }
}

/** The text a value becomes inside a template: strings as-is, everything else as JSON (`null`, `42`, `{"a":1}`). */
export function stringifyValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface RenderOptions {
  /** Applied to each inserted value, given where in the template it sits (character offset). */
  encode?: (text: string, offset: number) => string;
  /** Names the field in error messages, e.g. `url` or `headers.x-user`. */
  field?: string;
}

/**
 * Fills every `{{path}}` of `template` from `scope`; a placeholder that resolves to undefined is a TemplateError.
 *
 * @example renderTemplate('/users/{{input.id}}', { input: { id: 7 } }) // '/users/7'
 */
export function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  options: RenderOptions = {},
) {
  const t = compiled(template);
  if (t.holes.length === 0) return template;
  let out = t.texts[0] as string;
  for (let i = 0; i < t.holes.length; i++) {
    const hole = t.holes[i] as Hole;
    const value = getPath(scope, hole.segments);
    if (value === undefined) {
      const where = options.field ? `${options.field}: ` : '';
      throw new TemplateError(
        `${where}{{${hole.path}}} has no value (known roots: ${Object.keys(scope).join(', ')})`,
        {
          field: options.field,
          path: hole.path,
        },
      );
    }
    const text = stringifyValue(value);
    out += (options.encode ? options.encode(text, hole.offset) : text) + (t.texts[i + 1] as string);
  }
  return out;
}

interface Hole {
  path: string;
  segments: string[];
  /** Where the placeholder starts in the template. */
  offset: number;
}

/** A template split once: the text around its placeholders (one more than holes) and the holes. */
interface Compiled {
  texts: string[];
  holes: Hole[];
}

// Templates are node config: split once, filled on every step.
const compiled = memo((template: string): Compiled => {
  const t: Compiled = { texts: [], holes: [] };
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    t.texts.push(template.slice(last, m.index));
    const path = m[1] as string;
    t.holes.push({ path, segments: parsePath(path), offset: m.index });
    last = m.index + m[0].length;
  }
  t.texts.push(template.slice(last));
  return t;
});

/** The paths a template reads, in order: `'{{input.a}}-{{input.b}}'` -> `['input.a', 'input.b']`. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
