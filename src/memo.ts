/**
 * A function remembered per key, forgetting everything once it holds `limit` entries: for values that recur on
 * many elements and across pages (class strings, selectors, short block texts), with memory bounded over a long
 * run. Undefined and null results are remembered too.
 */
export function memoize<K, V>(limit: number, make: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V | typeof UNDEFINED>();
  return (key) => {
    // One lookup, also for a remembered undefined (kept as UNDEFINED): many facts are undefined for most keys.
    const hit = cache.get(key);
    if (hit !== undefined) return (hit === UNDEFINED ? undefined : hit) as V;
    const value = make(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value === undefined ? UNDEFINED : value);
    return value;
  };
}

/** Stands for a remembered undefined, so that one lookup tells it from a key never seen. */
const UNDEFINED = Symbol('undefined');
