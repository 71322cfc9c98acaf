/**
 * The one change made to linkedom's event-target.js when it is bundled (bundle-linkedom.ts): a node's listener
 * map is made by its first addEventListener, not by every constructor. Each replacement must match linkedom's
 * text exactly: if a linkedom update changes it, the build stops rather than ship an unpatched or half-patched copy.
 */
const REPLACEMENTS: Array<[from: string, to: string]> = [
  ['  constructor() {\n    wm.set(this, new Map);\n  }', '  constructor() {}'],
  [
    '  addEventListener(type, listener, options) {\n    const map = wm.get(this);\n',
    '  addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (!map) wm.set(this, map = new Map);\n',
  ],
  [
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map.has(type)) {',
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type)) {',
  ],
];

/** Applies the replacements to event-target.js; throws naming the first that no longer matches. */
export function patchEventTarget(source: string): string {
  let out = source;
  for (const [from, to] of REPLACEMENTS) {
    if (!out.includes(from)) throw new Error(`linkedom's event-target.js changed: the patch no longer applies at:\n${from}`);
    out = out.replace(from, to);
  }
  return out;
}
