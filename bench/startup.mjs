/**
 * Start-up bench: CPU time (user + system, from /usr/bin/time) of a one-page `declutter clean`, the
 * bundled command line against the same page cleaned through the unbundled library modules
 * (dist/index.js), alternating in one run so both see the same machine.
 *
 *   npm run bench:startup -- [page.html] [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' } } });
const page = positionals[0] ?? `${root}samples/apnews.com/fact-check.html`;
const runs = Number(values.runs);
if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (Debian package "time")');

const library = `const { createCleaner } = await import(${JSON.stringify(`${root}dist/index.js`)}); const { readFileSync } = await import('node:fs');
const r = await createCleaner().clean({ id: ${JSON.stringify(page)}, html: readFileSync(${JSON.stringify(page)}) }); process.stdout.write(JSON.stringify(r) + '\\n');`;
const modes = {
  'declutter clean (bundled CLI)': ['node', `${root}dist/cli/main.js`, 'clean', page],
  'same page, unbundled modules': ['node', '--input-type=module', '-e', library],
};

const cpu = (argv) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [u, s] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return u + s;
};
const times = Object.fromEntries(Object.keys(modes).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [k, argv] of Object.entries(modes)) times[k].push(cpu(argv));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times['same page, unbundled modules']);
console.log(`one page (${page}), ${runs} runs each, alternating; CPU seconds (user + system)`);
for (const [k, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${k.padEnd(32)} median ${m.toFixed(2)} s  (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})  ${(m / base).toFixed(2)}x`);
}
