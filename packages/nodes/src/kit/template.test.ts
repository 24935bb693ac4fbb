// renderTemplate: placeholders, value stringification, encoding hook, clear errors for missing values.
import { NonRetriableError } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { renderTemplate, stringifyValue, TemplateError, templatePaths } from './template';

const scope = { input: { id: 7, name: 'Ada L', tags: ['a'], on: true, none: null }, run: { id: 'run_1' } };

describe('renderTemplate', () => {
  it('fills placeholders with or without inner spaces', () => {
    expect(renderTemplate('/u/{{input.id}}/{{ input.name }}', scope)).toBe('/u/7/Ada L');
    expect(renderTemplate('{{run.id}}', scope)).toBe('run_1');
  });

  it('stringifies non-strings as JSON', () => {
    expect(renderTemplate('{"t":{{input.tags}},"on":{{input.on}},"n":{{input.none}}}', scope)).toBe(
      '{"t":["a"],"on":true,"n":null}',
    );
  });

  it('leaves text without placeholders and lone braces alone', () => {
    expect(renderTemplate('plain { text }', scope)).toBe('plain { text }');
  });

  it('applies the encoder with the offset of each placeholder', () => {
    const seen: number[] = [];
    const out = renderTemplate('ab{{input.name}}c{{input.id}}', scope, {
      encode: (t, at) => {
        seen.push(at);
        return encodeURIComponent(t);
      },
    });
    expect(out).toBe('abAda%20Lc7');
    expect(seen).toEqual([2, 17]);
  });

  it('throws a non-retriable TemplateError naming the field and path of a missing value', () => {
    const run = () => renderTemplate('/u/{{input.missing}}', scope, { field: 'url' });
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(NonRetriableError);
    expect(run).toThrow(/url: \{\{input\.missing\}\} has no value \(known roots: input, run\)/);
  });

  it('treats an unknown root as missing', () => {
    expect(() => renderTemplate('{{secret.X}}', scope)).toThrow(/secret\.X/);
  });
});

describe('helpers', () => {
  it('templatePaths lists the paths read', () => {
    expect(templatePaths('{{input.a}}-{{ input.b.0 }}')).toEqual(['input.a', 'input.b.0']);
  });

  it('stringifyValue keeps strings and JSON-encodes the rest', () => {
    expect(stringifyValue('x')).toBe('x');
    expect(stringifyValue(1.5)).toBe('1.5');
    expect(stringifyValue({ a: 1 })).toBe('{"a":1}');
  });
});
