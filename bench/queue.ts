/**
 * The queue's cost: the same JSONL files cleaned by `declutter clean --workers N` and by `declutter queue work`
 * processes on a local redis-server, in the same run. Each mode is timed from spawning its processes until the
 * last page is written (clean: its process exits; queue: BullMQ reports the last job completed), so both include
 * start-up; and its CPU time is summed over its processes (and, for the queue, redis-server's), which a busy
 * shared machine disturbs far less than the wall clock. Both write their JSONL to files themselves (clean's stdout
 * is redirected to one; the queue writes one per job, flushed), with the same pages in flight per thread
 * (batchPagesInFlight). The overhead is the queue's extra time or CPU per page against clean with the same number
 * of cleaning threads; the verdict says whether it is under 5%. Each mode also cleans one page per process
 * (start and stop: what a process costs whatever its batch), printed beside it, so a difference that is
 * per-process rather than per-page shows as such.
 *
 *   npm run bench:queue -- [eval dir] [--files 24] [--pages 40] [--rounds 3]
 *
 * Pages are the zyte set's (../shared/eval/zyte/html), repeated. Rounds alternate the order of the modes; the verdict
 * takes, per queue mode, the median over the rounds of its ratio to the clean run of the same round.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  options: { files: { type: 'string', default: '24' }, pages: { type: 'string', default: '40' }, rounds: { type: 'string', default: '3' } },
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

interface Input {
  dir: string;
  files: number;
  pages: number;
}

interface Mode {
  label: string;
  /** Cleaning threads in all: the clean mode with as many is the baseline. */
  threads: number;
  processes: number;
  run(input: Input): Promise<Measure>;
}

/** The target: the queue's overhead per page under 5%, in CPU and in wall-clock time. */
const TARGET = 0.05;

/**
 * Runs `node BIN ...args` under bash, which reports the CPU time of its child when it ends (`times`); a SIGTERM to
 * the returned process is passed on to node. `stdoutFile`: bash sends the child's stdout there, so the process
 * writes its output file itself, as a queue worker does (a pipe to this script would move that cost here).
 */
function timed(args: string[], stdoutFile?: string) {
  const timesFile = join(work, `times-${++runs}`);
  const out = stdoutFile ? ` > "${stdoutFile}"` : ' > /dev/null';
  const script = `"$@"${out} & child=$!; trap 'kill -TERM $child' TERM; wait $child; wait $child; times > "${timesFile}"`;
  const child = spawn('bash', ['-c', script, 'bash', process.execPath, BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const cpu = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`declutter ${args.slice(0, 2).join(' ')} exited with ${code}`);
    // The second line: the children's user and system time, as `1m2.345s 0m0.678s`.
    const [user, system] = readFileSync(timesFile, 'utf8').split('\n')[1]!.split(' ');
    return seconds(user!) + seconds(system!);
  });
  return { child, cpu };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
  const writeInputs = (dir: string, files: number, perFile: number) => {
    mkdirSync(dir);
    for (let f = 0; f < files; f++) {
      const lines = Array.from({ length: perFile }, (_, p) => {
        const page = pages[(f * perFile + p) % pages.length]!;
        return JSON.stringify({ id: `${f}/${p}/${page.id}`, html: page.html });
      });
      writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.jsonl`), `${lines.join('\n')}\n`);
    }
    return { dir, files, pages: files * perFile };
  };
  const batch = writeInputs(join(work, 'in'), FILES, PER_FILE);
  // One page per process of a mode: what a process costs to start and stop, whatever its batch.
  const tiny = writeInputs(join(work, 'tiny'), 2, 1);
  server = await startRedis();
  const url = server.url;
  const redis = new Redis(url);

  const clean = (threads: number): Mode => ({
    label: `clean --workers ${threads}`,
    threads,
    processes: 1,
    async run(input) {
      const started = performance.now();
      const { cpu } = timed(['clean', input.dir, '--workers', String(threads), '--quiet'], join(work, `clean-${runs + 1}.jsonl`));
      const used = await cpu;
      return { seconds: (performance.now() - started) / 1000, cpu: used };
    },
  });

  const queue = (processes: number, threads: number): Mode => ({
    label: `queue work: ${processes} process${processes > 1 ? 'es' : ''} x ${threads} thread${threads > 1 ? 's' : ''}`,
    threads: processes * threads,
    processes,
    async run(input) {
      const name = `bench-${++runs}`;
      const [code] = await once(spawn(process.execPath, [BIN, 'queue', 'add', input.dir, '--redis', url, '--queue', name], { stdio: 'ignore' }), 'exit');
      if (code !== 0) throw new Error(`queue add exited with ${code}`);
      const events = new QueueEvents(name, { connection: { url } });
      await events.waitUntilReady();
      let completed = 0;
      const allDone = new Promise<void>((done) => events.on('completed', () => ++completed === input.files && done()));
      const failed = new Promise<never>((_, reject) => events.on('failed', ({ failedReason }) => reject(new Error(failedReason))));
      const redisBefore = await redisCpu(redis);
      const started = performance.now();
      const workers = Array.from({ length: processes }, () =>
        timed(['queue', 'work', '--redis', url, '--queue', name, '--out', join(work, name), '--workers', String(threads), '--log-level', 'warn']),
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
      if (counts.completed !== input.files) throw new Error(`${counts.completed} of ${input.files} jobs completed`);
      return { seconds: wall, cpu: used.reduce((a, b) => a + b, 0) + redisUsed };
    },
  });

  const modes = [clean(1), queue(1, 1), clean(2), queue(2, 1)];
  const measures = new Map<Mode, Measure[]>(modes.map((m) => [m, []]));
  const startups = new Map<Mode, Measure[]>(modes.map((m) => [m, []]));
  console.log(
    `queue bench: ${FILES} JSONL files x ${PER_FILE} pages = ${TOTAL} zyte pages, ${ROUNDS} round(s), redis-server on 127.0.0.1; ` +
      `clean writes its JSONL to a file (stdout redirected), queue work to one file per job`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      const m = await mode.run(batch);
      measures.get(mode)!.push(m);
      const s = await mode.run(tiny);
      startups.get(mode)!.push(s);
      console.log(
        `  round ${round + 1}: ${mode.label.padEnd(34)} ${m.seconds.toFixed(2)} s, CPU ${m.cpu.toFixed(2)} s` +
          `   (${tiny.pages} one-page file(s): ${s.seconds.toFixed(2)} s, CPU ${s.cpu.toFixed(2)} s)`,
      );
    }
  }
  await redis.quit();

  const mean = (list: Measure[], key: keyof Measure) => list.reduce((a, m) => a + m[key], 0) / list.length;
  const pct = (x: number, base: number) => `${x >= base ? '+' : ''}${(((x - base) / base) * 100).toFixed(1)}%`;
  const baseOf = (mode: Mode) => modes.find((m) => m.label.startsWith('clean') && m.threads === mode.threads)!;
  console.log(
    `\n  ${'mode'.padEnd(34)} ${'seconds'.padStart(8)} ${'pages/s'.padStart(8)} ${'CPU ms/page'.padStart(12)} ${'start+stop CPU s'.padStart(17)}   queue overhead per page (vs clean, same threads)`,
  );
  const verdicts: string[] = [];
  const notes: string[] = [];
  for (const mode of modes) {
    const base = baseOf(mode);
    const [s, cpu, baseS, baseCpu] = [mean(measures.get(mode)!, 'seconds'), mean(measures.get(mode)!, 'cpu'), mean(measures.get(base)!, 'seconds'), mean(measures.get(base)!, 'cpu')];
    const fixed = mean(startups.get(mode)!, 'cpu');
    const versus =
      mode === base
        ? 'baseline'
        : `wall ${pct(s, baseS)} (${(baseS / s).toFixed(3)}x the pages/s), CPU ${pct(cpu, baseCpu)} (${(((cpu - baseCpu) / TOTAL) * 1000).toFixed(2)} ms/page)`;
    console.log(
      `  ${mode.label.padEnd(34)} ${s.toFixed(2).padStart(8)} ${(TOTAL / s).toFixed(1).padStart(8)} ${((cpu / TOTAL) * 1000).toFixed(2).padStart(12)} ${fixed.toFixed(2).padStart(17)}   ${versus}`,
    );
    if (mode === base) continue;
    // Each round's queue run against the same round's clean run: the load of a shared machine drifts over minutes,
    // so ratios of neighbouring runs, and their median over the rounds, are steadier than ratios of means.
    const ratios = (key: keyof Measure) => measures.get(mode)!.map((m, r) => m[key] / measures.get(base)![r]![key] - 1);
    const cpuOver = median(ratios('cpu'));
    const wallOver = median(ratios('seconds'));
    // The same without each mode's start and stop (its one-page runs): what the queue adds per page.
    const perPage = median(
      measures.get(mode)!.map((m, r) => (m.cpu - startups.get(mode)![r]!.cpu) / (measures.get(base)![r]!.cpu - startups.get(base)![r]!.cpu) - 1),
    );
    const ok = cpuOver < TARGET && wallOver < TARGET;
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    // How far apart the rounds are: when that is wider than the target, the median says little either way.
    const spread = Math.max(...ratios('seconds'), ...ratios('cpu')) - Math.min(...ratios('seconds'), ...ratios('cpu'));
    if (spread > 2 * TARGET) {
      notes.push(
        `  ${mode.label}: the rounds' ratios spread over ${(spread * 100).toFixed(0)} points, more than twice the target: ` +
          `the machine's load moved more than the difference measured (rerun with more --rounds, or on a quieter machine)`,
      );
    }
    verdicts.push(
      `  ${ok ? 'PASS' : 'FAIL'} ${mode.label}: CPU ${signed(cpuOver)}, wall ${signed(wallOver)} against ${base.label} ` +
        `(median of the rounds' ratios: CPU ${ratios('cpu').map(signed).join(' ')}, wall ${ratios('seconds').map(signed).join(' ')}; target under +${TARGET * 100}% on both); ` +
        `start and stop excluded, CPU ${signed(perPage)} per page`,
    );
  }
  console.log(`\nverdict (the table above holds means; the verdict takes the median of each round's ratio, ${ROUNDS} round(s)):\n${verdicts.join('\n')}`);
  if (notes.length) console.log(`noise:\n${notes.join('\n')}`);
}

try {
  await main();
} finally {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
}
