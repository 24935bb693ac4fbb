// getPath/parsePath: dotted and bracketed paths, arrays, missing segments, prototype safety.
import { JsonData } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { getPath, hasPath, parsePath } from './path';

const doc = {
  person: { name: 'Ada', emails: [{ value: 'a@x.io' }, { value: 'b@x.io' }], manager: null },
  changes: [{ op: 'add' }, { op: 'remove' }],
  'weird key': 1,
  zero: 0,
};

describe('parsePath', () => {
  it('splits dots and brackets', () => {
    expect(parsePath('a.b[0].c')).toEqual(['a', 'b', '0', 'c']);
    expect(parsePath('changes[12]')).toEqual(['changes', '12']);
    expect(parsePath(' a . b ')).toEqual(['a', 'b']);
    expect(parsePath('')).toEqual([]);
  });
});

describe('getPath', () => {
  it('reads nested objects and array indexes in both notations', () => {
    expect(getPath(doc, 'person.name')).toBe('Ada');
    expect(getPath(doc, 'person.emails.1.value')).toBe('b@x.io');
    expect(getPath(doc, 'changes[0].op')).toBe('add');
    expect(getPath(doc, 'zero')).toBe(0);
    expect(getPath(doc, 'person.manager')).toBeNull();
  });

  it('returns the root for an empty path and accepts pre-split segments', () => {
    expect(getPath(doc, '')).toBe(doc);
    expect(getPath(doc, ['weird key'])).toBe(1);
  });

  it('returns undefined for missing segments, out-of-range or non-numeric indexes, and through primitives', () => {
    expect(getPath(doc, 'person.age')).toBeUndefined();
    expect(getPath(doc, 'changes.5.op')).toBeUndefined();
    expect(getPath(doc, 'changes.first')).toBeUndefined();
    expect(getPath(doc, 'changes.length')).toBeUndefined();
    expect(getPath(doc, 'person.name.length')).toBeUndefined();
    expect(getPath(doc, 'person.manager.name')).toBeUndefined();
    expect(getPath(undefined, 'a')).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(getPath(doc, '__proto__')).toBeUndefined();
    expect(getPath(doc, 'person.constructor')).toBeUndefined();
    expect(getPath(doc, 'toString')).toBeUndefined();
  });

  it('reads a JsonData on the way as its value, parsing the text only when a path goes into it', () => {
    const input = JsonData.fromText('{"id":"u1","tags":["a","b"]}');
    const scope = { input, other: 1 };
    expect(getPath(scope, 'input.tags.1')).toBe('b');
    expect(getPath(scope, 'input')).toEqual({ id: 'u1', tags: ['a', 'b'] });
    expect(getPath(JsonData.fromText('[1,2]'), '0')).toBe(1);
    expect(getPath(scope, 'input.__proto__')).toBeUndefined();
    // Text that is not JSON shows when it is parsed: only a path into it does.
    const unread = { input: JsonData.fromText('{not json'), other: 1 };
    expect(getPath(unread, 'other')).toBe(1);
    expect(() => getPath(unread, 'input.id')).toThrow(SyntaxError);
  });
});

describe('hasPath', () => {
  it('counts null as present and undefined as missing', () => {
    expect(hasPath(doc, 'person.manager')).toBe(true);
    expect(hasPath(doc, 'person.nope')).toBe(false);
  });
});
