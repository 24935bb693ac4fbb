// Runs once inside every fresh isolate context: hardens the realm, then returns the entry points the host calls.
// The file is one function expression; the host evaluates it with evalClosureSync and calls it with the helpers
// (realm/helpers.js, built in the same context) and the limits.
// Nothing here may be reachable from snippet code except through the frozen `ctx` built per call.
(function sluiceRealm(helpers, limits) {
  // biome-ignore lint/suspicious/noRedundantUseStrict: evaluated as a sloppy script inside the isolate
  'use strict';
  const FunctionCtor = Function;
  const { freeze, defineProperty, getOwnPropertyDescriptor, getPrototypeOf, isFrozen } = Object;
  const ownKeys = Reflect.ownKeys;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const MapCtor = Map;
  const PromiseCtor = Promise;
  const promiseThen = Promise.prototype.then;
  const apply = Reflect.apply;

  // ---- hardening: no code generation from strings, no shared memory, no GC observation, no legacy RegExp state ----
  function disableConstructor(proto) {
    // biome-ignore lint/complexity/useArrowFunction: `new Function()` must throw this EvalError too
    const stub = function () {
      throw new EvalError('code generation from strings is disabled in snippets');
    };
    defineProperty(stub, 'prototype', { value: proto, writable: false });
    defineProperty(proto, 'constructor', { value: stub, writable: false, configurable: false });
    return stub;
  }
  const FunctionStub = disableConstructor(Function.prototype);
  disableConstructor(getPrototypeOf(async () => {}));
  disableConstructor(getPrototypeOf(function* () {}));
  disableConstructor(getPrototypeOf(async function* () {}));
  defineProperty(globalThis, 'Function', { value: FunctionStub, writable: false, configurable: false });
  for (const name of [
    'eval',
    'SharedArrayBuffer',
    'Atomics',
    'WebAssembly',
    'WeakRef',
    'FinalizationRegistry',
  ]) {
    delete globalThis[name];
  }
  const forward = (...args) => currentLog(...args);
  defineProperty(globalThis, 'console', {
    value: { log: forward, info: forward, warn: forward, error: forward, debug: forward },
    writable: false,
    configurable: false,
  });
  for (const key of ownKeys(RegExp)) {
    if (!['length', 'name', 'prototype', Symbol.species].includes(key)) delete RegExp[key];
  }

  // Frozen prototypes make `obj.toString = f` throw (the "override mistake"); turn the usual victims into
  // accessors that define an own property on the instance instead, as SES does.
  function tameOverride(obj, prop) {
    const desc = getOwnPropertyDescriptor(obj, prop);
    if (!desc || !('value' in desc) || !desc.configurable) return;
    const value = desc.value;
    defineProperty(obj, prop, {
      get: () => value,
      set(v) {
        if (this === obj) throw new TypeError(`Cannot assign to read only property '${String(prop)}'`);
        defineProperty(this, prop, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
  const errorProtos = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError].map(
    (e) => e.prototype,
  );
  for (const p of ['constructor', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty']) {
    tameOverride(Object.prototype, p);
  }
  for (const proto of errorProtos)
    for (const p of ['name', 'message', 'constructor', 'toString']) tameOverride(proto, p);
  for (const p of ['constructor', 'toString', 'name']) tameOverride(Function.prototype, p);
  // Not Array.prototype.constructor nor Promise.prototype.constructor: an accessor there switches off V8's
  // species fast paths (measured: Array.prototype.map 12x slower).

  // Deep-freeze every intrinsic reachable from the global object and the hidden ones (iterators, generators).
  // Except RegExp.prototype itself (its values are frozen): any change to its shape switches off V8's RegExp
  // fast paths (measured: String.prototype.replace with a regex 12x slower). It is checked after every run.
  const RegExpProto = RegExp.prototype;
  const seen = new WeakSet();
  function deepFreeze(root) {
    const stack = [root];
    while (stack.length) {
      const v = stack.pop();
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) continue;
      seen.add(v);
      if (v !== RegExpProto) freeze(v);
      stack.push(getPrototypeOf(v));
      for (const key of ownKeys(v)) {
        const d = getOwnPropertyDescriptor(v, key);
        if (d) stack.push(d.value, d.get, d.set);
      }
    }
  }
  const hidden = [
    globalThis,
    getPrototypeOf([][Symbol.iterator]()),
    getPrototypeOf(''[Symbol.iterator]()),
    getPrototypeOf(new Map().entries()),
    getPrototypeOf(new Set().values()),
    getPrototypeOf(/x/[Symbol.matchAll]('')),
    getPrototypeOf(function* () {}),
    getPrototypeOf((function* () {})()),
    getPrototypeOf(async () => {}),
    getPrototypeOf(async function* () {}),
    getPrototypeOf((async function* () {})()),
    getPrototypeOf(Int8Array),
    helpers,
  ];
  if (typeof Intl === 'object' && Intl.Segmenter) {
    const segments = new Intl.Segmenter().segment('');
    hidden.push(getPrototypeOf(segments), getPrototypeOf(segments[Symbol.iterator]()));
  }
  for (const root of hidden) deepFreeze(root);

  // RegExp.prototype stays unfrozen (see above): remember its exact shape to detect a run that changed it.
  const isExtensible = Object.isExtensible;
  const regexpParent = getPrototypeOf(RegExpProto);
  const regexpKeys = ownKeys(RegExpProto);
  const regexpDescs = regexpKeys.map((k) => getOwnPropertyDescriptor(RegExpProto, k));
  // Data properties and accessors compared in separate loops: each loop reads one descriptor shape (monomorphic).
  const dataKeys = regexpKeys.filter((_, i) => 'value' in regexpDescs[i]);
  const dataDescs = dataKeys.map((k) => getOwnPropertyDescriptor(RegExpProto, k));
  const accessorKeys = regexpKeys.filter((_, i) => !('value' in regexpDescs[i]));
  const accessorDescs = accessorKeys.map((k) => getOwnPropertyDescriptor(RegExpProto, k));
  /**
   * Whether RegExp.prototype is exactly as the realm started (else an earlier run left something on it): same
   * prototype, extensible, same number of own keys (so nothing added: a deleted key fails below), and every key
   * with the same value or accessors and the same attributes (a changed attribute is state a later run could see).
   */
  function regexpIntact() {
    if (getPrototypeOf(RegExpProto) !== regexpParent || !isExtensible(RegExpProto)) return false;
    if (ownKeys(RegExpProto).length !== regexpKeys.length) return false;
    for (let i = 0; i < dataKeys.length; i++) {
      const d = getOwnPropertyDescriptor(RegExpProto, dataKeys[i]);
      const e = dataDescs[i];
      if (
        d === undefined ||
        d.value !== e.value ||
        d.writable !== e.writable ||
        d.enumerable !== e.enumerable ||
        d.configurable !== e.configurable
      )
        return false;
    }
    for (let i = 0; i < accessorKeys.length; i++) {
      const d = getOwnPropertyDescriptor(RegExpProto, accessorKeys[i]);
      const e = accessorDescs[i];
      if (
        d === undefined ||
        d.get !== e.get ||
        d.set !== e.set ||
        d.enumerable !== e.enumerable ||
        d.configurable !== e.configurable
      )
        return false;
    }
    return true;
  }

  // ---- per-call machinery: compiled snippets live in this closure only ----
  const factories = new MapCtor();
  let pending = null;
  let calls = 0;
  /** The running call's ctx.log; console.* forwards to it. */
  let currentLog = () => {};

  function errorInfo(e, kind) {
    const info = { kind, name: 'Error', message: 'a non-Error value was thrown', line: null, column: null };
    try {
      if ((typeof e === 'object' || typeof e === 'function') && e !== null) {
        const name = e.name;
        const message = e.message;
        if (typeof name === 'string') info.name = name.slice(0, 200);
        if (typeof message === 'string') info.message = message.slice(0, 2000);
        const stack = e.stack;
        const m = typeof stack === 'string' ? /snippet\.js:(\d+):(\d+)/.exec(stack) : null;
        if (m) {
          info.line = Number(m[1]) - 2;
          info.column = Number(m[2]);
        }
      } else {
        info.message = `${typeof e} thrown: ${String(e).slice(0, 2000)}`;
      }
    } catch {
      // A hostile getter threw: keep the generic description.
    }
    return info;
  }

  const ObjectProto = Object.prototype;
  const isArray = Array.isArray;
  const keys = Object.keys;
  /**
   * Throws on what JSON.stringify would silently drop or mangle: functions, symbols, Maps, Sets, Promises.
   * Runs after a successful stringify (so there are no cycles); plain data takes the fast path.
   */
  function assertJson(value) {
    const type = typeof value;
    if (type === 'function') throw new TypeError('output contains a function');
    if (type === 'symbol') throw new TypeError('output contains a symbol');
    if (type !== 'object' || value === null) return;
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) assertJson(value[i]);
      return;
    }
    const proto = getPrototypeOf(value);
    if (proto !== ObjectProto && proto !== null) {
      if (
        value instanceof MapCtor ||
        value instanceof Set ||
        value instanceof WeakMap ||
        value instanceof WeakSet
      ) {
        throw new TypeError('output contains a Map or Set: convert it to an object or array');
      }
      if (value instanceof PromiseCtor) throw new TypeError('output contains a Promise: await it');
      if (typeof value.toJSON === 'function') return; // a Date: JSON calls toJSON
    }
    if (proto === ObjectProto || proto === null) {
      // Plain data (the common case): for-in reads the enum cache, no key array per object. Object.prototype is
      // frozen without enumerable properties, so for-in sees exactly the own enumerable keys JSON writes.
      for (const k in value) {
        const v = value[k];
        if (v !== undefined) assertJson(v);
      }
      return;
    }
    for (const k of keys(value)) {
      const v = value[k];
      if (v !== undefined) assertJson(v);
    }
  }

  function finish(value, logs) {
    let json;
    try {
      json = value === undefined ? 'null' : stringify(value);
      assertJson(value);
    } catch (e) {
      return ['output', errorInfo(e, 'output'), logs];
    }
    if (json === undefined) json = 'null';
    if (json.length > limits.maxOutputChars) {
      const info = {
        kind: 'output',
        name: 'RangeError',
        message: `output is ${json.length} characters, over the limit of ${limits.maxOutputChars}`,
        line: null,
        column: null,
      };
      return ['output', info, logs];
    }
    // The answer is one string (cheapest to copy out): 'o', the logs' JSON, a newline (JSON text has none
    // unescaped), then the output's JSON text, which the host keeps as text: it is stored, not parsed.
    return `o${stringify(logs)}\n${json}`;
  }

  function formatLogArg(a) {
    if (typeof a === 'string') return a;
    try {
      const s = stringify(a);
      return s === undefined ? String(a) : s;
    } catch {
      return '[unserialisable]';
    }
  }

  /**
   * Deep-freezes data fresh from JSON.parse: plain objects and arrays whose prototypes are already frozen, only
   * enumerable data properties, no cycles. Cheaper per call than deepFreeze (no descriptors, no WeakSet growth).
   */
  function freezeData(root) {
    const stack = [root];
    while (stack.length) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null || isFrozen(v)) continue;
      freeze(v);
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) stack.push(v[ks[i]]);
    }
  }

  function makeContext(call, variables, logs) {
    let dropped = 0;
    const log = (...args) => {
      if (logs.length >= limits.maxLogLines) {
        dropped++;
        logs[limits.maxLogLines] = `... ${dropped} more log line(s) dropped`;
        return;
      }
      let line = '';
      for (const a of args) line += (line ? ' ' : '') + formatLogArg(a);
      logs.push(line.length > limits.maxLogLineChars ? `${line.slice(0, limits.maxLogLineChars)}...` : line);
    };
    return freeze({
      runId: call[2] ?? undefined,
      stepId: call[3] ?? undefined,
      nodeId: call[4] ?? undefined,
      flowId: call[5] ?? undefined,
      variables,
      log,
      helpers,
    });
  }

  // A flow's variables arrive as the same text run after run: parsed and frozen once, kept while the text stays
  // the same. Sharing them between runs shares nothing a run could write to (deeply frozen data, same content).
  let lastVariablesJson = '{}';
  let lastVariables = freeze({});
  function variablesOf(json) {
    if (json !== lastVariablesJson) {
      const v = parse(json);
      freezeData(v);
      lastVariables = v;
      lastVariablesJson = json;
    }
    return lastVariables;
  }

  /** Compiles snippet JS (already stripped of types) into a module factory; the body cannot break out of it. */
  function compile(id, js) {
    try {
      factories.set(id, FunctionCtor('exports', `${js}\n//# sourceURL=snippet.js`));
      return null;
    } catch (e) {
      return errorInfo(e, 'compile');
    }
  }

  function forget(id) {
    factories.delete(id);
  }

  /**
   * One run: a fresh module scope, then default(input, ctx). `callJson` is `[input, snippetId, runId, stepId,
   * nodeId, flowId]` (the input's text spliced in by the host), `variablesJson` the flow variables' JSON text.
   * Answers `o<logs JSON>\n<output JSON>`, or the JSON of [kind, info, logs] | ['pending'] | ['missing'] | ['tampered'].
   */
  function run(callJson, variablesJson) {
    // Checked before running, so changes made by an earlier run's leftover microtasks are caught too.
    if (!regexpIntact()) return '["tampered"]';
    const call = parse(callJson);
    const answer = runParsed(call[1], call[0], call, variablesOf(variablesJson));
    return typeof answer === 'string' ? answer : stringify(answer);
  }

  function runParsed(id, input, call, variables) {
    calls++;
    pending = null;
    currentLog = () => {};
    const factory = factories.get(id);
    if (!factory) return ['missing'];
    const logs = [];
    let result;
    try {
      const exports = {};
      apply(factory, undefined, [exports]);
      const fn = exports.default;
      if (typeof fn !== 'function') {
        const info = {
          kind: 'throw',
          name: 'TypeError',
          message: 'the snippet must `export default` a function (input, ctx) => output',
          line: null,
          column: null,
        };
        return ['throw', info, logs];
      }
      const ctx = makeContext(call, variables, logs);
      currentLog = ctx.log;
      result = apply(fn, undefined, [input, ctx]);
    } catch (e) {
      return ['throw', errorInfo(e, 'throw'), logs];
    }
    let isPromise;
    try {
      isPromise = result instanceof PromiseCtor; // a Proxy's getPrototypeOf trap may throw
    } catch (e) {
      return ['output', errorInfo(e, 'output'), logs];
    }
    if (!isPromise) return finish(result, logs);
    pending = [
      'unsettled',
      {
        kind: 'throw',
        name: 'Error',
        message: 'the returned promise never settled',
        line: null,
        column: null,
      },
      logs,
    ];
    try {
      // A Promise subclass may run its own species constructor here: still snippet code, still timed.
      // Settling after this call (it cannot, barring a bug) must never answer for a later run.
      const call = ++calls;
      apply(promiseThen, result, [
        (v) => {
          if (call === calls) pending = finish(v, logs);
        },
        (e) => {
          if (call === calls) pending = ['throw', errorInfo(e, 'throw'), logs];
        },
      ]);
    } catch (e) {
      pending = ['throw', errorInfo(e, 'throw'), logs];
    }
    return ['pending'];
  }

  /** After a ['pending'] run the microtask queue has drained: the promise settled or never will. */
  function collect() {
    const r = pending;
    pending = null;
    if (typeof r === 'string') return r;
    return stringify(r ?? ['missing']);
  }

  return freeze({ compile, forget, run, collect, isFrozen: () => isFrozen(globalThis) });
});
