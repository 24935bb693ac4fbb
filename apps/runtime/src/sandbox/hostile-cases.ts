// The hostile-snippet table: escapes, exhaustion, and tampering with what later runs see (run by hostile.test.ts).

export const fn = (body: string) => `export default (input: any, ctx: any) => {\n${body}\n};\n`;

export interface Case {
  name: string;
  code: string;
  input?: unknown;
  /** A failure: the exact code (or codes, where which limit trips first depends on the machine's speed) and a
   * pattern of the message. */
  fails?: [code: string | string[], message: RegExp];
  /** Contained without failing: the output proves nothing leaked. */
  output?: unknown;
  timeoutMs?: number;
}

export const cases: Case[] = [
  // ---- escapes ----
  {
    name: 'constructor.constructor of a function',
    code: fn('return (() => 1).constructor.constructor("return process")();'),
    fails: ['SnippetError', /EvalError: code generation from strings is disabled/],
  },
  {
    name: 'global Function',
    code: fn('return Function("return this")();'),
    fails: ['SnippetError', /EvalError: code generation/],
  },
  {
    name: 'new Function',
    code: fn('return new Function("return 1")();'),
    fails: ['SnippetError', /EvalError: code generation/],
  },
  {
    name: 'AsyncFunction constructor',
    code: fn('return (async () => 1).constructor("return 1");'),
    fails: ['SnippetError', /EvalError: code generation/],
  },
  {
    name: 'GeneratorFunction constructor',
    code: fn('return (function* () {}).constructor("yield 1");'),
    fails: ['SnippetError', /EvalError: code generation/],
  },
  {
    name: 'eval',
    code: fn('return eval("1 + 1");'),
    fails: ['SnippetError', /ReferenceError: eval is not defined/],
  },
  {
    name: 'this is undefined in the module and in the function',
    code: 'const top = typeof this;\nexport default function () { return [top, typeof this]; }',
    output: ['undefined', 'undefined'],
  },
  {
    name: 'no host globals',
    code: fn(`const names = ['process', 'require', 'module', 'Buffer', 'fetch', 'setTimeout', 'setInterval',
      'setImmediate', 'global', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'queueMicrotask'];
    return names.filter((n) => n in globalThis);`),
    output: [],
  },
  {
    name: 'prototype chain of the copied input',
    code: fn('return input.__proto__.constructor.constructor("return process")();'),
    input: { a: 1 },
    fails: ['SnippetError', /EvalError: code generation/],
  },
  {
    name: 'prototype pollution through the input',
    code: fn('input.constructor.prototype.polluted = true; return 1;'),
    input: { a: 1 },
    fails: ['SnippetError', /TypeError: Cannot add property polluted/],
  },
  {
    name: '__proto__ key in the input does not pollute',
    code: fn('return [({} as any).polluted ?? null, Object.keys(input)];'),
    input: JSON.parse('{"__proto__": {"polluted": true}, "b": 1}'),
    output: [null, ['__proto__', 'b']],
  },
  {
    name: 'replacing Object.prototype',
    code: fn('Object.setPrototypeOf(Object.prototype, { evil: 1 }); return 1;'),
    fails: ['SnippetError', /TypeError/],
  },
  {
    name: 'Error.prepareStackTrace',
    code: fn(
      '(Error as any).prepareStackTrace = (_e: any, frames: any) => frames; return new Error().stack;',
    ),
    fails: ['SnippetError', /TypeError: Cannot add property prepareStackTrace/],
  },
  {
    name: 'stack traces show no host frames',
    code: fn('const s = String(new Error("x").stack); return /\\/work|node:|file:/.test(s);'),
    output: false,
  },
  {
    name: 'Error.stackTraceLimit',
    code: fn('(Error as any).stackTraceLimit = Infinity; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'stackTraceLimit'/],
  },
  {
    name: 'constructor of ctx.log',
    code: fn('return ctx.log.constructor("return process")();'),
    fails: ['SnippetError', /EvalError: code generation/],
  },
  {
    name: 'Proxy output with a throwing trap',
    code: fn('return new Proxy({}, { ownKeys() { throw new Error("trap"); } });'),
    fails: ['SnippetOutputError', /trap/],
  },
  {
    name: 'Proxy output whose getPrototypeOf trap throws',
    code: fn('return new Proxy({}, { getPrototypeOf() { throw new Error("proto trap"); } });'),
    fails: ['SnippetOutputError', /proto trap/],
  },
  {
    name: 'Promise subclass with a hostile species constructor',
    code: fn(`class Evil extends Promise<unknown> {
      static get [Symbol.species](): any { throw new Error("species"); }
    }
    return Evil.resolve(1);`),
    fails: ['SnippetError', /species/],
  },
  {
    name: 'thrown Proxy with throwing traps',
    code: fn('throw new Proxy({}, { get() { throw new Error("trap"); } });'),
    fails: ['SnippetError', /^SnippetError: a non-Error value was thrown$/],
  },
  {
    name: 'dynamic import()',
    code: 'export default async () => {\n  const fs = await import("fs");\n  return fs;\n};',
    fails: ['SnippetError', /ReferenceError: require is not defined/],
  },
  {
    name: 'static import',
    code: 'import fs from "fs";\nexport default () => fs.readFileSync("/etc/passwd");',
    fails: ['SnippetError', /ReferenceError: require is not defined at line 1/],
  },
  {
    name: 'require',
    code: fn('return require("child_process");'),
    fails: ['SnippetError', /ReferenceError: require is not defined at line 2/],
  },
  {
    name: 'process.env',
    code: fn('return process.env;'),
    fails: ['SnippetError', /ReferenceError: process is not defined/],
  },
  {
    name: 'Symbol.iterator hijack of Array.prototype',
    code: fn('(Array.prototype as any)[Symbol.iterator] = function* () { yield "evil"; }; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property/],
  },
  { name: 'a Symbol as output', code: fn('return Symbol("x");'), fails: ['SnippetOutputError', /symbol/] },
  {
    name: 'Symbol-keyed and Symbol.toPrimitive output fields are dropped',
    code: fn('return { a: 1, [Symbol.for("k")]: 2, [Symbol.toPrimitive]() { throw new Error("x"); } };'),
    output: { a: 1 },
  },
  {
    name: 'SharedArrayBuffer and Atomics',
    code: fn('return [typeof SharedArrayBuffer, typeof Atomics, new SharedArrayBuffer(8)];'),
    fails: ['SnippetError', /ReferenceError: SharedArrayBuffer is not defined/],
  },
  {
    name: 'WebAssembly',
    code: fn('return WebAssembly.compile(new Uint8Array([0, 97, 115, 109]));'),
    fails: ['SnippetError', /ReferenceError: WebAssembly is not defined/],
  },
  {
    name: 'WeakRef and FinalizationRegistry are absent',
    code: fn('return [typeof WeakRef, typeof FinalizationRegistry];'),
    output: ['undefined', 'undefined'],
  },
  {
    name: 'breaking out of the module wrapper',
    code: 'export default () => 1;\n}); globalThis.leak = 1; (function () {\n',
    fails: ['SnippetCompileError', /line 2/],
  },
  {
    name: 'arguments.callee.caller',
    code: 'export default function () { return (arguments as any).callee.caller; }',
    fails: ['SnippetError', /TypeError/],
  },
  // ---- exhaustion ----
  { name: 'infinite sync loop', code: fn('while (true) {}'), fails: ['SnippetTimeout', /300 ms/] },
  {
    name: 'infinite async loop',
    code: 'export default async () => {\n  for (;;) await null;\n};',
    fails: ['SnippetTimeout', /300 ms/],
  },
  {
    name: 'promise flood that outlives the return',
    code: fn('const f = (): any => Promise.resolve().then(f); f(); return 1;'),
    // A fast machine fills the 32 MB heap with pending reactions before the 300 ms pass: both are containment.
    fails: [['SnippetTimeout', 'SnippetMemoryLimit'], /300 ms|32 MB/],
  },
  {
    name: 'fan-out promise flood',
    code: fn(
      'const f = (): any => { Promise.resolve().then(f); Promise.resolve().then(f); }; f(); return 1;',
    ),
    fails: ['SnippetMemoryLimit', /32 MB/],
    timeoutMs: 8000,
  },
  {
    name: 'setTimeout',
    code: fn('setTimeout(() => {}, 1); return 1;'),
    fails: ['SnippetError', /setTimeout/],
  },
  {
    name: 'deep recursion',
    code: fn('const f = (n: number): number => f(n + 1) + 1; return f(0);'),
    fails: ['SnippetError', /RangeError: Maximum call stack size exceeded/],
  },
  {
    name: 'array memory bomb',
    code: fn('const a: any[] = []; for (;;) a.push({ i: a.length, s: "x" + a.length });'),
    fails: ['SnippetMemoryLimit', /32 MB/],
    timeoutMs: 8000,
  },
  {
    name: 'string memory bomb',
    code: fn('const a: string[] = []; for (let i = 0; ; i++) a.push("x".repeat(100000) + i);'),
    fails: ['SnippetMemoryLimit', /32 MB/],
    timeoutMs: 8000,
  },
  {
    name: 'Map memory bomb',
    code: fn('const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, v: [i, i, i] });'),
    fails: ['SnippetMemoryLimit', /32 MB/],
    timeoutMs: 8000,
  },
  {
    name: 'huge output',
    code: fn('return "x".repeat(2 * 1024 * 1024);'),
    fails: ['SnippetOutputError', /over the limit of 1048576/],
  },
  {
    name: 'deeply nested output',
    code: fn('let o: any = {}; for (let i = 0; i < 100000; i++) o = { o }; return o;'),
    fails: ['SnippetOutputError', /Maximum call stack/],
    timeoutMs: 3000,
  },
  {
    name: 'circular output',
    code: fn('const o: any = { a: 1 }; o.self = o; return o;'),
    fails: ['SnippetOutputError', /circular/],
  },
  { name: 'function output', code: fn('return { f() {} };'), fails: ['SnippetOutputError', /function/] },
  { name: 'Map output', code: fn('return new Map([[1, 2]]);'), fails: ['SnippetOutputError', /Map or Set/] },
  { name: 'BigInt output', code: fn('return { n: 10n };'), fails: ['SnippetOutputError', /BigInt/] },
  {
    name: 'getter that throws in the output',
    code: fn('return { get x() { throw new Error("getter says no"); } };'),
    fails: ['SnippetOutputError', /getter says no/],
  },
  {
    name: 'toJSON that throws',
    code: fn('return { toJSON() { throw new Error("toJSON says no"); } };'),
    fails: ['SnippetOutputError', /toJSON says no/],
  },
  {
    name: 'getter that never returns',
    code: fn('return { get x() { for (;;) {} } };'),
    fails: ['SnippetTimeout', /300 ms/],
  },
  {
    name: 'a thrown string',
    code: fn('throw "boom";'),
    fails: ['SnippetError', /^SnippetError: string thrown: boom$/],
  },
  { name: 'a thrown null', code: fn('throw null;'), fails: ['SnippetError', /object thrown: null/] },
  {
    name: 'an Error whose message getter throws',
    code: fn(
      'const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw 1; } }); throw e;',
    ),
    fails: ['SnippetError', /^SnippetError: a non-Error value was thrown|^SnippetError: x/],
  },
  {
    name: 'a promise that never settles',
    code: 'export default () => new Promise(() => {});',
    fails: ['SnippetError', /never settled/],
  },
  {
    name: 'log flood is capped',
    code: fn('for (let i = 0; i < 5000; i++) ctx.log("x".repeat(5000)); return ctx.helpers.sha256("a");'),
    output: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
  },
  {
    name: 'sha256 rejects a non-string',
    code: fn('return ctx.helpers.sha256({ toString() { return "a"; } });'),
    fails: ['SnippetError', /TypeError: sha256 takes a string/],
  },
  // ---- tampering with what later runs see ----
  {
    name: 'adding a global',
    code: fn('(globalThis as any).leak = input.secret; return 1;'),
    input: { secret: 's' },
    fails: ['SnippetError', /TypeError: Cannot add property leak/],
  },
  {
    name: 'defining a global',
    code: fn('Object.defineProperty(globalThis, "leak", { value: 1 }); return 1;'),
    fails: ['SnippetError', /TypeError: Cannot define property leak/],
  },
  {
    name: 'tampering with Date.now',
    code: fn('Date.now = () => 0; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'now'/],
  },
  {
    name: 'tampering with Date.prototype',
    code: fn('Date.prototype.getTime = () => 0; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'getTime'/],
  },
  {
    name: 'tampering with Math.random',
    code: fn('Math.random = () => 4; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'random'/],
  },
  {
    name: 'tampering with Array.prototype.map',
    code: fn('Array.prototype.map = function () { return ["evil"]; } as any; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'map'/],
  },
  {
    name: 'tampering with JSON.stringify',
    code: fn('JSON.stringify = () => "{}"; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'stringify'/],
  },
  {
    name: 'tampering with Promise.prototype.then',
    code: fn('Promise.prototype.then = function () { return this; } as any; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'then'/],
  },
  {
    name: 'mutating ctx',
    code: fn('ctx.runId = "other"; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'runId'/],
  },
  {
    name: 'mutating ctx.helpers',
    code: fn('ctx.helpers.sha256 = () => "x"; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'sha256'/],
  },
  {
    name: 'mutating flow variables',
    code: fn('ctx.variables.tenant = "other"; return 1;'),
    fails: ['SnippetError', /TypeError: Cannot assign to read only property 'tenant'/],
  },
];
