// A JSON value that travels as text or as a value: each form is made from the other on first use and kept.

/**
 * While `stringifyJson` runs, `toJSON` hands its text over here and leaves a marker in its place (JSON.stringify
 * cannot emit raw text from `toJSON` on this Node; `JSON.rawJSON` takes primitives only).
 */
let spliced: string[] | null = null;
/** Unguessable per process, so no string a snippet or a webhook produced can pass for a marker. */
const NONCE = `\u0000sluice-json-${globalThis.crypto.randomUUID()}:`;
/** A marker as JSON.stringify writes it (the NUL character escaped). */
const MARKER = new RegExp(`"${JSON.stringify(NONCE).slice(1, -1).replace(/\\/g, '\\\\')}(\\d+)"`, 'g');

/**
 * Immutable JSON data: `fromText` keeps text as it came (a stored jsonb column, the sandbox's answer) and parses
 * it only when someone reads `.value`; `fromValue` stringifies only when someone reads `.text`. Treat `.value` as
 * read-only: it is cached and shared, and a change to it would not reach a `.text` already made.
 *
 * `JSON.stringify` of anything holding one writes its value (through `toJSON`), exactly as if it held the plain
 * value; `stringifyJson` writes the same JSON but copies the text in without parsing it.
 *
 * @example
 * const d = JsonData.fromText('{"a":1}');
 * stringifyJson({ output: d }); // '{"output":{"a":1}}', no JSON.parse
 * d.value; // { a: 1 }, parsed now, then kept
 */
export class JsonData {
  private parsed: unknown;
  private hasValue: boolean;
  private json: string | undefined;

  private constructor(value: unknown, hasValue: boolean, text: string | undefined) {
    this.parsed = value;
    this.hasValue = hasValue;
    this.json = text;
  }

  /** From a value that is JSON data (`undefined` becomes `null`, as a JSON output would). */
  static fromValue(value: unknown): JsonData {
    return new JsonData(value === undefined ? null : value, true, undefined);
  }

  /** From text that is valid JSON: the caller vouches for it (it comes from JSON.stringify or from jsonb). */
  static fromText(text: string): JsonData {
    return new JsonData(undefined, false, text);
  }

  get value(): unknown {
    if (!this.hasValue) {
      this.parsed = JSON.parse(this.json as string);
      this.hasValue = true;
    }
    return this.parsed;
  }

  get text(): string {
    if (this.json === undefined) {
      // A value holding other JsonData: those write their values here, not markers of an outer stringifyJson.
      const outer = spliced;
      spliced = null;
      try {
        this.json = JSON.stringify(this.parsed) ?? 'null';
      } finally {
        spliced = outer;
      }
    }
    return this.json;
  }

  toJSON(): unknown {
    if (spliced === null) return this.value;
    const text = this.text;
    spliced.push(text);
    return NONCE + (spliced.length - 1);
  }
}

/** A value for an executor that wants plain data: JsonData is parsed (once), anything else passes as is. */
export const plainJson = (v: unknown): unknown => (v instanceof JsonData ? v.value : v);

/**
 * `JSON.stringify(value)` with every JsonData inside written from its text (not parsed and re-stringified).
 * Same output as JSON.stringify.
 */
export function stringifyJson(value: unknown): string {
  if (value instanceof JsonData) return value.text;
  const outer = spliced;
  const texts: string[] = [];
  spliced = texts;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    spliced = outer;
  }
  if (texts.length === 0) return json;
  return json.replace(MARKER, (_, i: string) => texts[Number(i)] as string);
}
