// A bounded memo for what is derived from node config (templates, paths): few values, read on every step.

/** `derive`, remembered per key; forgets everything at `limit` entries, so keys made from data cannot grow it. */
export function memo<K, V>(derive: (key: K) => V, limit = 1000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = derive(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
