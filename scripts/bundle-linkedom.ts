/**
 * Build step: bundles linkedom with a few changes into dist/vendor/linkedom.js (see src/dom/linkedom-module.ts).
 *
 * linkedom's EventTarget constructor gives every node an entry in a module-level WeakMap holding a new Map of
 * listeners, whether or not anything ever listens. A news page makes thousands of nodes and no step of
 * declutter (nor Readability) adds a listener, yet those entries cost about a third of the parse and a large
 * share of the garbage collector's work (weak entries are the slowest kind to trace). The bundled copy makes
 * the map when the first listener is added; events behave as before (test/linkedom-vendor.test.ts).
 *
 * That change and the smaller ones (class attributes while parsing, tag-name case, textContent,
 * getAttributeNames, the document-order links exported for walks, selectors compiled once, style property names)
 * are in linkedom-patches.ts, each with its reason.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINKEDOM_FORK, LINKEDOM_PATCHES, applyPatch, forkBanner, patchFor } from './linkedom-patches.js';

/** Where src/dom/linkedom-module.ts looks for the bundle. */
const VENDORED_LINKEDOM = new URL('../dist/vendor/linkedom.js', import.meta.url);

const patched = new Set<string>();
const linkedomPatches: Plugin = {
  name: 'linkedom-patches',
  setup(b) {
    b.onLoad({ filter: /[\\/]linkedom[\\/]esm[\\/].*\.js$/ }, async (args) => {
      const patch = patchFor(args.path);
      if (!patch) return undefined;
      patched.add(patch.file);
      return { contents: applyPatch(patch, await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};

const linkedomDir = dirname(createRequire(import.meta.url).resolve('linkedom/package.json'));
const { version } = JSON.parse(await readFile(join(linkedomDir, 'package.json'), 'utf8')) as { version: string };
if (version !== LINKEDOM_FORK.linkedom) {
  throw new Error(`linkedom: the fork's patches are written against ${LINKEDOM_FORK.linkedom}, installed is ${version}`);
}
const entry = join(linkedomDir, 'esm', 'index.js');

await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: fileURLToPath(VENDORED_LINKEDOM),
  // linkedom tries `require('canvas')` and falls back to its own shim; declutter never draws.
  external: ['canvas'],
  plugins: [linkedomPatches],
  logLevel: 'warning',
  legalComments: 'inline',
  banner: { js: forkBanner() },
});
const missed = LINKEDOM_PATCHES.filter((p) => !patched.has(p.file)).map((p) => p.file);
if (missed.length) throw new Error(`linkedom: the bundle never loaded ${missed.join(', ')}, so its patch was not applied`);
process.stderr.write(`linkedom: bundled with ${patched.size} patched files to ${fileURLToPath(VENDORED_LINKEDOM)}\n`);
