// A copy of an object with some fields set, for code that runs for every step or request.

/**
 * `{ ...base, ...fields }`, but with the hidden classes V8 shares between objects of one shape. On Node 20 (V8
 * 11.3) an object literal that starts with a spread and goes on with more properties (`{ ...base, at }`) gets a
 * hidden class of its own, every time: a new map and descriptor array in the old generation per object, property
 * reads on it megamorphic, and work for the next full GC (measured in bench/e2e: 34 new maps per run). Copying
 * into an empty literal follows the shared transitions instead. Own enumerable properties, as a spread copies.
 *
 * @example withFields(lastAttempt, { endedAt }) // same content as { ...lastAttempt, endedAt }
 */
export function withFields<B extends object, F extends object>(base: B, fields: F): Omit<B, keyof F> & F {
  // Object.assign would set an own `__proto__` key (JSON.parse makes them) as the prototype; a spread copies it.
  if (Object.hasOwn(base, '__proto__') || Object.hasOwn(fields, '__proto__')) return { ...base, ...fields };
  return Object.assign({}, base, fields);
}
