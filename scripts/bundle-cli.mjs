/**
 * Bundles the command line (dist/cli/main.js and everything it imports from dist/ and the pure-JS
 * packages) into that one file. Node spends most of a one-page run's start-up resolving and loading
 * some 300 module files; the bundle makes a one-page run about 0.6x the CPU time (npm run bench:startup).
 * The bundle stays at dist/cli/, two folders below the package root like every module whose paths it
 * inlines (rules, the compiled rules, the vendored linkedom, the pool's worker, package.json).
 * Packages that load files or workers of their own at run time stay outside the bundle.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
// Chunks of an earlier bundle.
for (const f of readdirSync(dirname(main))) if (/^chunk-.*\.js$/.test(f)) rmSync(join(dirname(main), f));
const external = ['jsdom', 'piscina', 'bullmq', 'ioredis', 'pino', 'pino-pretty', 'ajv', 'yaml', 'fast-glob', 'linkedom'];

const result = await build({
  metafile: true,
  entryPoints: [main],
  // Split: what a subcommand loads on demand (the queue's BullMQ, the rule tools' YAML) stays in a chunk
  // of its own, loaded when the subcommand runs, as the unbundled modules were.
  outdir: dirname(main),
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // Bundled CommonJS packages call require(); give the ES module one.
  banner: { js: "import { createRequire as __declutterRequire } from 'node:module'; const require = __declutterRequire(import.meta.url);" },
  logLevel: 'warning',
  // Less source for V8 to parse at start-up; names are kept, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'inline',
});
// The packages the bundle inlines, with their licences: dist/cli/THIRD_PARTY_NOTICES.
const packageDirs = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packageDirs.add(m[1]);
}
const entries = [...packageDirs]
  .map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(?:licen[cs]e|copying)(?:[.-][\w.]+)?$/i.test(f));
    return { name: pkg.name, version: pkg.version, license: typeof pkg.license === 'string' ? pkg.license : 'see below', text: file ? readFileSync(join(dir, file), 'utf8').trim() : `(no licence file in the package; package.json says: ${pkg.license ?? 'nothing'})` };
  })
  .filter((e, i, all) => all.findIndex((o) => o.name === e.name && o.version === e.version) === i)
  .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
// What esbuild says it inlined (the minified bundle keeps no path comments): test/installed-package.test.ts
// checks each against the notices.
writeFileSync(join(dirname(main), 'inlined-packages.json'), `${JSON.stringify(entries.map((e) => `${e.name} ${e.version}`), null, 1)}\n`);
const rule = '='.repeat(78);
writeFileSync(
  join(dirname(main), 'THIRD_PARTY_NOTICES'),
  [
    'Third-party notices of the bundled command line',
    '',
    'dist/cli/main.js and its chunks are one esbuild bundle of declutter\'s command line (scripts/bundle-cli.mjs):',
    'it inlines code from the packages below, under their own licences, reproduced here.',
    '',
    ...entries.map((e) => `  ${e.name} ${e.version} (${e.license})`),
    '',
    ...entries.flatMap((e) => [rule, `${e.name} ${e.version} (${e.license})`, rule, e.text, '']),
  ].join('\n'),
);
console.log(`cli: bundled to ${main} (+ ${readdirSync(dirname(main)).filter((f) => f.startsWith('chunk-')).length} chunks; ${entries.length} packages inlined, notices in dist/cli/THIRD_PARTY_NOTICES)`);
// tsc's map and declarations describe the unbundled file, not this one.
rmSync(`${main}.map`, { force: true });
