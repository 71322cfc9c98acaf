/**
 * CPU A/B of two builds in one process: each page is cleaned by both, in alternating order, and the CPU time
 * (process.cpuUsage) is summed per build. On a shared machine the load moves between runs (bench:perf's separate
 * processes have swung ±15% and more); interleaving puts both builds under the same load, so their ratio holds.
 *
 *   node bench/ab.mjs <distA> <distB> [--eval ../shared/eval] [--set wcxb|zyte|dragnet] [--pages 300] [--rounds 2]
 *
 * <distA>, <distB>: the `dist` folders of two builds (`git worktree add --detach ../base <rev>`, then
 * `npm run build` there). Prints A's and B's CPU milliseconds per page and the ratio A/B, with each round's ratio.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    eval: { type: 'string', default: '../shared/eval' },
    set: { type: 'string', default: 'wcxb' },
    pages: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '2' },
  },
});
if (positionals.length !== 2) {
  process.stderr.write('usage: node bench/ab.mjs <distA> <distB> [--eval ../shared/eval] [--set wcxb|zyte|dragnet] [--pages 300] [--rounds 2]\n');
  process.exit(2);
}
const [distA, distB] = positionals.map((d) => resolve(d));
const root = join(resolve(values.eval), values.set);
const htmlDir = ['html', 'HTML'].map((d) => join(root, d)).find((d) => existsSync(d));
if (!htmlDir) {
  process.stderr.write(`no html/ or HTML/ folder in ${root}\n`);
  process.exit(2);
}
const truthFile = join(root, 'ground-truth.json');
const truth = existsSync(truthFile) ? JSON.parse(readFileSync(truthFile, 'utf8')) : {};
const pages = readdirSync(htmlDir)
  .sort()
  .slice(0, Number(values.pages))
  .map((f) => {
    let bytes = readFileSync(join(htmlDir, f));
    if (f.endsWith('.gz')) bytes = gunzipSync(bytes);
    const url = truth[f.replace(/\.html(\.gz)?$/, '')]?.url;
    return { id: f, html: new Uint8Array(bytes), ...(url ? { url } : {}) };
  });

const A = await import(pathToFileURL(join(distA, 'index.js')).href);
const B = await import(pathToFileURL(join(distB, 'index.js')).href);
const a = A.createCleaner();
const b = B.createCleaner();
// Warm both: the first pages carry most of the JIT's work.
for (const p of pages.slice(0, 10)) {
  await a.clean(p);
  await b.clean(p);
}
const rounds = Number(values.rounds);
const perRound = [];
let totalA = 0;
let totalB = 0;
for (let round = 0; round < rounds; round++) {
  let ta = 0;
  let tb = 0;
  for (const [i, p] of pages.entries()) {
    const order = (i + round) % 2 === 0 ? [a, b] : [b, a];
    for (const cleaner of order) {
      const t0 = process.cpuUsage();
      await cleaner.clean(p);
      const t = process.cpuUsage(t0);
      if (cleaner === a) ta += t.user + t.system;
      else tb += t.user + t.system;
    }
  }
  perRound.push((ta / tb).toFixed(3));
  totalA += ta;
  totalB += tb;
}
const ms = (t) => (t / 1e3 / pages.length / rounds).toFixed(2);
console.log(
  `${values.set}: A ${ms(totalA)} ms/page, B ${ms(totalB)} ms/page, ratio A/B ${(totalA / totalB).toFixed(3)} ` +
    `(rounds ${perRound.join(' ')}; ${pages.length} pages x ${rounds}; A=${distA}, B=${distB})`,
);
