/**
 * Why two workers do not double throughput here: cleans the zyte pages three times through cleanStream with
 * one worker and with two, printing pages/s, the main thread's event-loop use and how many cores the whole
 * process kept busy; then a pure CPU loop on one and two threads for comparison.
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
