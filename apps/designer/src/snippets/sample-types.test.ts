import { describe, expect, it } from 'vitest';
import { parseMessage } from '../runs/run-events';
import { snippetDts, typeOfSample } from './sample-types';

describe('typeOfSample', () => {
  it('describes nested objects, arrays and odd keys', () => {
    expect(typeOfSample({ id: 'E1', age: 3, tags: ['a'], 'first-name': null, x: [] })).toBe(
      '{\n  id: string;\n  age: number;\n  tags: string[];\n  "first-name": null;\n  x: unknown[];\n}',
    );
    expect(typeOfSample([1, 'a'])).toBe('(number | string)[]');
  });
});

describe('snippetDts', () => {
  it('declares Input from the sample, or the declared type, plus SnippetContext', () => {
    expect(snippetDts({ sample: { email: 'a' } })).toContain('declare type Input = {\n  email: string;\n};');
    expect(snippetDts({ sample: { a: 1 }, declaredType: '{ b: string }' })).toContain(
      'declare type Input = { b: string };',
    );
    expect(snippetDts({})).toContain('declare interface SnippetContext');
  });
});

describe('parseMessage (SSE)', () => {
  it('reads the event name and JSON data', () => {
    expect(parseMessage('event: step\ndata: {"nodeId":"a"}')).toEqual({
      event: 'step',
      data: { nodeId: 'a' },
    });
    expect(parseMessage(': keep-alive')).toBeNull();
  });
});
