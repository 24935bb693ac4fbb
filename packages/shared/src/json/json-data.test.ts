import { describe, expect, it } from 'vitest';
import { JsonData, plainJson, stringifyJson } from './json-data';

describe('JsonData', () => {
  it('parses text only when the value is read, once', () => {
    const d = JsonData.fromText('{"a":[1,2],"b":"x"}');
    expect(d.text).toBe('{"a":[1,2],"b":"x"}');
    expect(d.value).toEqual({ a: [1, 2], b: 'x' });
    expect(d.value).toBe(d.value);
  });

  it('stringifies a value only when the text is read', () => {
    const v = { a: 1 };
    const d = JsonData.fromValue(v);
    expect(d.value).toBe(v);
    expect(d.text).toBe('{"a":1}');
    expect(JsonData.fromValue(undefined).text).toBe('null');
  });

  it('writes its value through JSON.stringify, as the plain value would', () => {
    const d = JsonData.fromText('{"a":1}');
    expect(JSON.stringify({ output: d, n: 2 })).toBe('{"output":{"a":1},"n":2}');
  });

  it('stringifyJson copies the text in without parsing and matches JSON.stringify', () => {
    const inner = JsonData.fromText('{"k":"v\\u0000","n":[1,{"$&":"$1"}]}');
    const rows = [
      { output: inner, input: JsonData.fromText('3') },
      { output: null, s: '\u0000sluice-json-x:0' },
    ];
    const json = stringifyJson(rows);
    expect((inner as unknown as { hasValue: boolean }).hasValue).toBe(false);
    expect(json).toBe(JSON.stringify(rows));
    expect(stringifyJson(inner)).toBe(inner.text);
    expect(stringifyJson({ a: 1 })).toBe('{"a":1}');
  });

  it('nests: a value holding JsonData, inside stringifyJson', () => {
    const outer = JsonData.fromValue({ x: JsonData.fromText('[1]') });
    expect(stringifyJson({ o: outer })).toBe('{"o":{"x":[1]}}');
    expect(() => stringifyJson({ self: null, bad: 1n })).toThrow();
    expect(stringifyJson({ after: JsonData.fromText('true') })).toBe('{"after":true}');
  });

  it('plainJson parses JsonData and passes anything else through', () => {
    const v = { a: 1 };
    expect(plainJson(v)).toBe(v);
    expect(plainJson(JsonData.fromText('{"a":1}'))).toEqual(v);
  });
});
