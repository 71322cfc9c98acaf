/**
 * The queue's cost: the same JSONL files cleaned by `declutter clean --workers N` and by `declutter queue work`
 * processes on a local redis-server, in the same run. Each mode is timed from spawning its processes until the
 * last page is written (clean: its process exits; queue: BullMQ reports the last job completed), so both include
 * start-up; and its CPU time is summed over its processes (and, for the queue, redis-server's), which a busy
 * shared machine disturbs far less than the wall clock. The overhead is the queue's extra time or CPU per page
 * against clean with the same number of cleaning threads.
 *
 *   npm run bench:queue -- [eval dir] [--files 24] [--pages 40] [--rounds 2]
 *
 * Pages are the zyte set's (../shared/eval/zyte/html), repeated. Rounds alternate the order of the modes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
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
const TOTAL = FILES * PER_FILE;
const evalDir = resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval'));

interface Measure {
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds (user + system) of every process of the mode. */
  cpu: number;
}

interface Mode {
  label: string;
  /** Cleaning threads in all: the clean mode with as many is the baseline. */
  threads: number;
  run(): Promise<Measure>;
}

/**
 * Runs `node BIN ...args` under bash, which reports the CPU time of its child when it ends (`times`); a SIGTERM to
 * the returned process is passed on to node.
 */
function timed(args: string[], stdout: 'ignore' | 'pipe') {
  const timesFile = join(work, `times-${++runs}`);
  const script = `"$@" & child=$!; trap 'kill -TERM $child' TERM; wait $child; wait $child; times > "${timesFile}"`;
  const child = spawn('bash', ['-c', script, 'bash', process.execPath, BIN, ...args], { stdio: ['ignore', stdout, 'inherit'] });
  const cpu = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`declutter ${args.slice(0, 2).join(' ')} exited with ${code}`);
    // The second line: the children's user and system time, as `1m2.345s 0m0.678s`.
    const [user, system] = readFileSync(timesFile, 'utf8').split('\n')[1]!.split(' ');
    return seconds(user!) + seconds(system!);
  });
  return { child, cpu };
}

function seconds(bashTime: string): number {
  const [, m, s] = /^(\d+)m([\d.]+)s$/.exec(bashTime.trim())!;
  return Number(m) * 60 + Number(s);
}

async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)![1]);
  return field('used_cpu_user') + field('used_cpu_sys');
}

const work = mkdtempSync(join(tmpdir(), 'declutter-bench-queue-'));
let server: RedisServer | undefined;
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
  server = await startRedis();
  const url = server.url;
  const redis = new Redis(url);

  const clean = (threads: number): Mode => ({
    label: `clean --workers ${threads}`,
    threads,
    async run() {
      const started = performance.now();
      const { child, cpu } = timed(['clean', inputs, '--workers', String(threads), '--quiet'], 'pipe');
      child.stdout!.pipe(createWriteStream(join(work, `clean-${runs}.jsonl`)));
      const used = await cpu;
      return { seconds: (performance.now() - started) / 1000, cpu: used };
    },
  });

  const queue = (processes: number, threads: number): Mode => ({
    label: `queue work: ${processes} process${processes > 1 ? 'es' : ''} x ${threads} thread${threads > 1 ? 's' : ''}`,
    threads: processes * threads,
    async run() {
      const name = `bench-${++runs}`;
      const [code] = await once(spawn(process.execPath, [BIN, 'queue', 'add', inputs, '--redis', url, '--queue', name], { stdio: 'ignore' }), 'exit');
      if (code !== 0) throw new Error(`queue add exited with ${code}`);
      const events = new QueueEvents(name, { connection: { url } });
      await events.waitUntilReady();
      let completed = 0;
      const allDone = new Promise<void>((done) => events.on('completed', () => ++completed === FILES && done()));
      const failed = new Promise<never>((_, reject) => events.on('failed', ({ failedReason }) => reject(new Error(failedReason))));
      const redisBefore = await redisCpu(redis);
      const started = performance.now();
      const workers = Array.from({ length: processes }, () =>
        timed(['queue', 'work', '--redis', url, '--queue', name, '--out', join(work, name), '--workers', String(threads), '--log-level', 'warn'], 'ignore'),
      );
      await Promise.race([allDone, failed]);
      const wall = (performance.now() - started) / 1000;
      const redisUsed = (await redisCpu(redis)) - redisBefore;
      for (const w of workers) w.child.kill('SIGTERM');
      const used = await Promise.all(workers.map((w) => w.cpu));
      await events.close();
      const q = new Queue(name, { connection: { url } });
      const counts = await q.getJobCounts('completed');
      await q.obliterate({ force: true });
      await q.close();
      if (counts.completed !== FILES) throw new Error(`${counts.completed} of ${FILES} jobs completed`);
      return { seconds: wall, cpu: used.reduce((a, b) => a + b, 0) + redisUsed };
    },
  });

  const modes = [clean(1), queue(1, 1), clean(2), queue(2, 1)];
  const measures = new Map<Mode, Measure[]>(modes.map((m) => [m, []]));
  console.log(`queue bench: ${FILES} JSONL files x ${PER_FILE} pages = ${TOTAL} zyte pages, ${ROUNDS} round(s), redis-server on 127.0.0.1`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      const m = await mode.run();
      measures.get(mode)!.push(m);
      console.log(`  round ${round + 1}: ${mode.label.padEnd(34)} ${m.seconds.toFixed(2)} s, CPU ${m.cpu.toFixed(2)} s`);
    }
  }
  await redis.quit();

  const mean = (mode: Mode, key: keyof Measure) => measures.get(mode)!.reduce((a, m) => a + m[key], 0) / ROUNDS;
  const pct = (x: number, base: number) => `${x >= base ? '+' : ''}${(((x - base) / base) * 100).toFixed(1)}%`;
  console.log(`\n  ${'mode'.padEnd(34)} ${'seconds'.padStart(8)} ${'pages/s'.padStart(8)} ${'CPU ms/page'.padStart(12)}   queue overhead per page (vs clean, same threads)`);
  for (const mode of modes) {
    const base = modes.find((m) => m.label.startsWith('clean') && m.threads === mode.threads)!;
    const [s, cpu, baseS, baseCpu] = [mean(mode, 'seconds'), mean(mode, 'cpu'), mean(base, 'seconds'), mean(base, 'cpu')];
    const versus =
      mode === base
        ? 'baseline'
        : `wall ${pct(s, baseS)} (${(baseS / s).toFixed(3)}x the pages/s), CPU ${pct(cpu, baseCpu)} (${(((cpu - baseCpu) / TOTAL) * 1000).toFixed(2)} ms/page)`;
    console.log(
      `  ${mode.label.padEnd(34)} ${s.toFixed(2).padStart(8)} ${(TOTAL / s).toFixed(1).padStart(8)} ${((cpu / TOTAL) * 1000).toFixed(2).padStart(12)}   ${versus}`,
    );
  }
}

try {
  await main();
} finally {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
}
