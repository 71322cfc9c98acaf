/**
 * Why two workers do not double throughput here: cleans the zyte pages three times through cleanStream with
 * one worker and with two, printing pages/s, the main thread's event-loop use and how many cores the whole
 * process kept busy; then a pure CPU loop on one and two threads for comparison; then one warm cleaner's ms per
 * page with the other core idle, running a register-only loop, or streaming through 64 MB of memory (what the
 * second worker competes for is the memory system, not the core).
 *
 *   npm run build && node bench/pool-scaling.mjs [eval dir]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { cleanStream } from '../dist/index.js';

const evalDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'eval'));
const dir = join(evalDir, 'zyte', 'html');
const pages = readdirSync(dir).map((f) => ({ id: f, html: readFileSync(join(dir, f)) }));
const all = [...pages, ...pages, ...pages];

for (const workers of [1, 2]) {
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  let n = 0;
  for await (const _ of Readable.from(all).pipe(cleanStream({ workers }))) n++;
  const s = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const busy = (cpu.user + cpu.system) / 1e6 / s;
  console.log(`cleanStream, ${workers} worker(s): ${n} pages, ${(n / s).toFixed(1)} pages/s; main thread event loop ${(performance.eventLoopUtilization(elu0).utilization * 100).toFixed(0)}% busy; cores busy ${busy.toFixed(2)}; ${(n / s / busy).toFixed(1)} pages per core-second`);
}

const LOOP = `let x = 0; for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0; require('node:worker_threads').parentPort.postMessage(x);`;
async function loops(n) {
  const t = performance.now();
  await Promise.all(Array.from({ length: n }, () => new Promise((done) => {
    const w = new Worker(LOOP, { eval: true });
    w.on('message', () => { void w.terminate(); done(); });
  })));
  return performance.now() - t;
}
const one = await loops(1);
const two = await loops(2);
console.log(`pure CPU loop: 2 threads do ${((2 * one) / two).toFixed(2)}x the work of 1 in the same time`);

const CLEANER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { createCleaner } = await import(workerData.dist);
  const fs = require('node:fs');
  const pages = fs.readdirSync(workerData.dir).map((f) => ({ id: f, html: fs.readFileSync(workerData.dir + '/' + f) }));
  const c = createCleaner({ dom: 'linkedom' });
  for (let r = 0; r < 2; r++) for (const p of pages) c.cleanSync(p);
  parentPort.postMessage('warm');
  await new Promise((r) => parentPort.once('message', r));
  const t = performance.now();
  for (let r = 0; r < 2; r++) for (const p of pages) c.cleanSync(p);
  parentPort.postMessage((performance.now() - t) / (2 * pages.length));
})();`;
const NEIGHBOURS = {
  idle: null,
  'register-only loop': `let x = 0; (function spin() { for (let i = 0; i < 5e7; i++) x = (x * 31 + i) | 0; setImmediate(spin); })();`,
  'memory-streaming loop (64 MB)': `const a = new Float64Array(8e6); (function spin() { for (let i = 0; i < a.length; i += 8) a[i] += 1; setImmediate(spin); })();`,
};
const dist = new URL('../dist/index.js', import.meta.url).href;
for (const [name, code] of Object.entries(NEIGHBOURS)) {
  const w = new Worker(CLEANER, { eval: true, workerData: { dist, dir } });
  await new Promise((r) => w.once('message', r));
  const other = code ? new Worker(code, { eval: true }) : undefined;
  await new Promise((r) => setTimeout(r, 300));
  w.postMessage('go');
  const ms = await new Promise((r) => w.once('message', r));
  console.log(`one warm cleaner, other core ${name}: ${ms.toFixed(2)} ms per page`);
  await w.terminate();
  await other?.terminate();
}
