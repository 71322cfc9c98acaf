/**
 * Build step: bundles linkedom with one change into dist/vendor/linkedom.js (see linkedom-module.ts).
 *
 * linkedom's EventTarget constructor gives every node an entry in a module-level WeakMap holding a new Map of
 * listeners, whether or not anything ever listens. A news page makes thousands of nodes and no step of
 * declutter (nor Readability) adds a listener, yet those entries cost about a third of the parse and a large
 * share of the garbage collector's work (weak entries are the slowest kind to trace). The bundled copy makes
 * the map when the first listener is added; events behave as before (test/linkedom-vendor.test.ts).
 *
 * The change itself is in bundle-linkedom-patch.ts.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { patchEventTarget } from './bundle-linkedom-patch.js';

/** Where linkedom-module.ts looks for the bundle (the same path from src/dom and dist/dom). */
const VENDORED_LINKEDOM = new URL('../../dist/vendor/linkedom.js', import.meta.url);

const EVENT_TARGET = /[\\/]linkedom[\\/]esm[\\/]interface[\\/]event-target\.js$/;

let patched = 0;
const lazyListeners: Plugin = {
  name: 'linkedom-lazy-listeners',
  setup(b) {
    b.onLoad({ filter: EVENT_TARGET }, async (args) => {
      patched++;
      return { contents: patchEventTarget(await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};

const entry = join(dirname(createRequire(import.meta.url).resolve('linkedom/package.json')), 'esm', 'index.js');

await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: fileURLToPath(VENDORED_LINKEDOM),
  // linkedom tries `require('canvas')` and falls back to its own shim; declutter never draws.
  external: ['canvas'],
  plugins: [lazyListeners],
  logLevel: 'warning',
  legalComments: 'inline',
});
if (patched !== 1) throw new Error(`linkedom: expected to patch one event-target.js, patched ${patched}`);
process.stderr.write(`linkedom: bundled with lazy event listeners to ${fileURLToPath(VENDORED_LINKEDOM)}\n`);
