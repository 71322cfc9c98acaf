/**
 * A function remembered per key, forgetting everything once it holds `limit` entries: for values that recur on
 * many elements and across pages (class strings, selectors, short block texts), with memory bounded over a long
 * run. Undefined and null results are remembered too.
 */
export function memoize<K, V>(limit: number, make: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    // One lookup for the usual hit; a second only to tell a remembered undefined from a miss.
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = make(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
