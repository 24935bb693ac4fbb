// `{{input.a.b}}` templates: find placeholders and fill them from a scope object, with per-use encoding.
import { NonRetriableError } from '@sluice/shared';
import { getPath } from './path';

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
  return template.replace(PLACEHOLDER, (_whole, path: string, offset: number) => {
    const value = getPath(scope, path);
    if (value === undefined) {
      const where = options.field ? `${options.field}: ` : '';
      throw new TemplateError(
        `${where}{{${path}}} has no value (known roots: ${Object.keys(scope).join(', ')})`,
        {
          field: options.field,
          path,
        },
      );
    }
    const text = stringifyValue(value);
    return options.encode ? options.encode(text, offset) : text;
  });
}

/** The paths a template reads, in order: `'{{input.a}}-{{input.b}}'` -> `['input.a', 'input.b']`. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
