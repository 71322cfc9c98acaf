/**
 * The queue's cost: the same JSONL files cleaned by `declutter clean --workers N` and by `declutter queue work`
 * processes on a local redis-server, in the same run. Every mode is timed from spawning its processes until
 * the last page is written (clean: the process exits; queue: BullMQ reports the last job completed), so both
 * include start-up. The overhead is the queue's extra time per page against clean with the same threads.
 *
 *   npm run bench:queue -- [eval dir] [--files 24] [--pages 40] [--rounds 2]
 *
 * Pages are the zyte set's (../shared/eval/zyte/html). Timings vary between runs on a shared machine; the
 * ratios of one run, and rounds that alternate the modes, hold better.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { startRedis, type RedisServer } from '../test/redis-lib.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'dist/cli/main.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { files: { type: 'string', default: '24' }, pages: { type: 'string', default: '40' }, rounds: { type: 'string', default: '2' } },
});
const FILES = Number(values.files);
const PER_FILE = Number(values.pages);
const ROUNDS = Number(values.rounds);
const evalDir = resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval'));

interface Mode {
  label: string;
  /** Cleaning threads in all: the clean mode with as many is the baseline. */
  threads: number;
  run(): Promise<number>;
}

const work = mkdtempSync(join(tmpdir(), 'declutter-bench-queue-'));
let redis: RedisServer | undefined;
let runs = 0;

async function main(): Promise<void> {
  const htmlDir = join(evalDir, 'zyte', 'html');
  const pages = readdirSync(htmlDir).sort().map((f) => ({ id: f, html: readFileSync(join(htmlDir, f), 'utf8') }));
  const inputs = join(work, 'in');
  mkdirSync(inputs);
  for (let f = 0; f < FILES; f++) {
    const lines = Array.from({ length: PER_FILE }, (_, p) => {
      const page = pages[(f * PER_FILE + p) % pages.length]!;
      return JSON.stringify({ id: `${f}/${p}/${page.id}`, html: page.html });
    });
    writeFileSync(join(inputs, `part-${String(f).padStart(3, '0')}.jsonl`), `${lines.join('\n')}\n`);
  }
  const total = FILES * PER_FILE;
  redis = await startRedis();
  const url = redis.url;

  const clean = (threads: number): Mode => ({
    label: `clean --workers ${threads}`,
    threads,
    async run() {
      const started = performance.now();
      const child = spawn(process.execPath, [BIN, 'clean', inputs, '--workers', String(threads), '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout!.pipe(createWriteStream(join(work, `clean-${++runs}.jsonl`)));
      const [code] = (await once(child, 'exit')) as [number];
      if (code !== 0) throw new Error(`clean exited with ${code}`);
      return (performance.now() - started) / 1000;
    },
  });

  const queue = (processes: number, threads: number): Mode => ({
    label: `queue work: ${processes} process${processes > 1 ? 'es' : ''} x ${threads} thread${threads > 1 ? 's' : ''}`,
    threads: processes * threads,
    async run() {
      const name = `bench-${++runs}`;
      const add = spawn(process.execPath, [BIN, 'queue', 'add', inputs, '--redis', url, '--queue', name], { stdio: 'ignore' });
      await once(add, 'exit');
      const events = new QueueEvents(name, { connection: { url } });
      await events.waitUntilReady();
      let completed = 0;
      const allDone = new Promise<void>((done) => events.on('completed', () => ++completed === FILES && done()));
      const failed = new Promise<never>((_, reject) => events.on('failed', ({ failedReason }) => reject(new Error(failedReason))));
      const started = performance.now();
      const workers: ChildProcess[] = Array.from({ length: processes }, () =>
        spawn(
          process.execPath,
          [BIN, 'queue', 'work', '--redis', url, '--queue', name, '--out', join(work, name), '--workers', String(threads), '--log-level', 'warn'],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        ),
      );
      await Promise.race([allDone, failed]);
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(workers.map((w) => (w.kill('SIGTERM'), once(w, 'exit'))));
      await events.close();
      const q = new Queue(name, { connection: { url } });
      const counts = await q.getJobCounts('completed');
      await q.obliterate({ force: true });
      await q.close();
      if (counts.completed !== FILES) throw new Error(`${counts.completed} of ${FILES} jobs completed`);
      return seconds;
    },
  });

  const modes = [clean(1), queue(1, 1), clean(2), queue(2, 1)];
  const seconds = new Map<Mode, number[]>(modes.map((m) => [m, []]));
  console.log(`queue bench: ${FILES} JSONL files x ${PER_FILE} pages = ${total} zyte pages, ${ROUNDS} round(s), redis-server on 127.0.0.1`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      const s = await mode.run();
      seconds.get(mode)!.push(s);
      console.log(`  round ${round + 1}: ${mode.label.padEnd(34)} ${s.toFixed(2)} s`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`\n  ${'mode'.padEnd(34)} ${'seconds'.padStart(8)} ${'pages/s'.padStart(8)}  vs clean, same threads`);
  for (const mode of modes) {
    const s = mean(seconds.get(mode)!);
    const base = modes.find((m) => m.label.startsWith('clean') && m.threads === mode.threads)!;
    const baseS = mean(seconds.get(base)!);
    const versus =
      mode === base
        ? 'baseline'
        : `${(baseS / s).toFixed(3)}x; overhead ${(((s - baseS) / baseS) * 100).toFixed(1)}% = ${(((s - baseS) / total) * 1000).toFixed(2)} ms/page`;
    console.log(`  ${mode.label.padEnd(34)} ${s.toFixed(2).padStart(8)} ${(total / s).toFixed(1).padStart(8)}  ${versus}`);
  }
}

try {
  await main();
} finally {
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
}
