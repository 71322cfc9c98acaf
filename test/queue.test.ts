/**
 * `declutter queue` against a real redis-server on 127.0.0.1 (started here): two worker processes on one
 * queue over 50 small JSONL files and one poison file, one worker killed with SIGKILL in the middle of a job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueStatus } from '../src/queue/status.js';
import type { CleanResult } from '../src/types.js';
import { BIN, ROOT, runCli } from './cli-lib.js';
import { startRedis, type RedisServer } from './redis-lib.js';
import { sampleCrawl, warcFiles } from './warc-lib.js';

const PAGES = [
  ['text', 'samples/001_19b810fe77f6d179.txt'],
  ['text', 'samples/002_8308df305baf94dd.txt'],
  ['html', 'samples/wordpress/post.html'],
  ['text', 'samples/004_af365740c357bb2b.txt'],
].map(([kind, file]) => ({ kind: kind!, body: readFileSync(path.join(ROOT, file!), 'utf8') }));
const FILES = 50;

let redis: RedisServer;
let dir: string;
const children: ChildProcess[] = [];

/** Every record id the inputs hold, by output name (an invalid line's id is its line number). */
const expected = new Map<string, string[]>();

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-queue-'));
  mkdirSync(path.join(dir, 'in/part'), { recursive: true });
  for (let f = 0; f < FILES; f++) {
    const name = `${f % 2 ? 'part/' : ''}file${String(f).padStart(2, '0')}`;
    const lines = [0, 1, 2].map((p) => {
      const page = PAGES[(f + p) % PAGES.length]!;
      return JSON.stringify({ id: `${name}#${p}`, [page.kind]: page.body });
    });
    // Every fifth file has a broken line: an error record, which belongs in the output like any other.
    if (f % 5 === 0) lines.push('{"id": broken');
    writeFileSync(path.join(dir, 'in', `${name}.jsonl`), `${lines.join('\n')}\n`);
    expected.set(name, lines.map((line, i) => (line.startsWith('{"id": b') ? String(i + 1) : `${name}#${i}`)));
  }
  // A WARC cut short inside its gzip stream: the same every time, so it fails once and is not retried.
  writeFileSync(path.join(dir, 'in/poison.warc.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x2c]));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(args, { cwd: dir });

interface LogLine {
  msg: string;
  jobId?: string;
  [key: string]: unknown;
}

/** A `queue work` process whose JSON log lines are collected as they come. */
function startWorker(queue: string, out: string, extra: string[] = []) {
  const child = spawn(
    process.execPath,
    [BIN, 'queue', 'work', '--redis', redis.url, '--queue', queue, '--out', out, '--workers', '1', '--concurrency', '1', ...extra],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const lines: LogLine[] = [];
  const waiters: { test: (l: LogLine) => boolean; resolve: () => void }[] = [];
  let rest = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const part of parts) {
      const line = JSON.parse(part) as LogLine;
      lines.push(line);
      for (const w of waiters.filter((w) => w.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  const waitFor = (test: (l: LogLine) => boolean) =>
    lines.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  return { child, lines, waitFor, exited };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 200));
}

const records = (file: string): CleanResult[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CleanResult);

describe('declutter queue: two workers, one killed mid-job', () => {
  it('cleans every record of every input exactly once, fails only the poison file, and re-adding adds nothing', async () => {
    const out = path.join(dir, 'out');
    const add = await run(['queue', 'add', 'in', '--redis', redis.url, '--queue', 'crash']);
    expect(add.stdout).toBe('added 51 job(s) to crash; 0 already queued\n');

    // A two-second lock: the killed worker's job is taken again a few seconds after the kill.
    const doomed = startWorker('crash', out, ['--lock', '2', '--log-level', 'debug']);
    const survivor = startWorker('crash', out, ['--lock', '2']);
    // Killed after its first page: its job (three or four pages, cold) is not done yet.
    await doomed.waitFor((l) => l.msg === 'page cleaned');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const tempsOf = (pid: number | undefined) =>
      readdirSync(out, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith(`.declutter-${pid}-`));
    // The job it was writing left its temp file.
    expect(tempsOf(doomed.child.pid)).toHaveLength(1);
    const started = doomed.lines.filter((l) => l.msg === 'job started').map((l) => l.jobId!);
    const completed = new Set(doomed.lines.filter((l) => l.msg === 'job completed').map((l) => l.jobId));
    const interrupted = started.filter((id) => !completed.has(id));
    expect(interrupted).toHaveLength(1);

    const queue = new Queue('crash', { connection: { url: redis.url } });
    try {
      await until(async () => {
        const c = await queue.getJobCounts('completed', 'failed');
        return c.completed === FILES && c.failed === 1;
      });
      // The killed worker's job went back to the queue as stalled and was done by the other worker.
      const retaken = await queue.getJob(interrupted[0]!);
      expect(retaken!.stalledCounter).toBe(1);
      expect(await retaken!.getState()).toBe('completed');
      expect(survivor.lines.some((l) => l.msg === 'job completed' && l.jobId === interrupted[0])).toBe(true);
    } finally {
      await queue.close();
    }

    // SIGTERM: the idle survivor stops cleanly.
    survivor.child.kill('SIGTERM');
    expect((await survivor.exited)[0]).toBe(0);
    expect(survivor.lines.at(-1)!.msg).toBe('worker stopped');

    for (const [name, ids] of expected) {
      const file = path.join(out, `${name}.jsonl`);
      expect(records(file).map((r) => r.id)).toEqual(ids);
      expect(JSON.parse(readFileSync(`${file}.done`, 'utf8'))).toMatchObject({ pages: ids.length, errors: ids.length - 3 });
    }
    const written = readdirSync(out, { recursive: true }).map(String);
    expect(written.filter((f) => f.endsWith('.jsonl')).sort()).toEqual([...expected.keys()].map((n) => `${n}.jsonl`).sort());
    // Only the killed worker left a temp file behind; nothing was published half-written.
    expect(written.filter((f) => f.endsWith('.tmp'))).toEqual(tempsOf(doomed.child.pid));
    expect(tempsOf(doomed.child.pid)).toHaveLength(1);

    // A worker started again on the same --out removes it (its writer is gone), and leaves the outputs alone.
    const restarted = startWorker('crash', out);
    await restarted.waitFor((l) => l.msg === 'worker started');
    expect(restarted.lines.find((l) => l.msg === 'removed temp files left by stopped workers')).toMatchObject({ count: 1 });
    restarted.child.kill('SIGTERM');
    expect((await restarted.exited)[0]).toBe(0);
    const left = readdirSync(out, { recursive: true }).map(String);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left.sort()).toEqual(written.filter((f) => !f.endsWith('.tmp')).sort());
    for (const [name, ids] of expected) expect(records(path.join(out, `${name}.jsonl`)).map((r) => r.id)).toEqual(ids);

    const status = JSON.parse((await run(['queue', 'status', '--redis', redis.url, '--queue', 'crash', '--json'])).stdout) as QueueStatus;
    expect(status).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: FILES, failed: 1 });
    expect(status.pages).toBe([...expected.values()].reduce((n, ids) => n + ids.length, 0));
    expect(status.failedJobs).toEqual([
      expect.objectContaining({ path: path.join(dir, 'in/poison.warc.gz'), code: 'WARC_TRUNCATED', attempts: 1 }),
    ]);

    const again = await run(['queue', 'add', 'in', '--redis', redis.url, '--queue', 'crash']);
    expect(again.stdout).toBe('added 0 job(s) to crash; 51 already queued\n');
    const after = JSON.parse((await run(['queue', 'status', '--redis', redis.url, '--queue', 'crash', '--json'])).stdout) as QueueStatus;
    expect(after).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: FILES, failed: 1 });

    const retried = await run(['queue', 'retry-failed', '--redis', redis.url, '--queue', 'crash']);
    expect(retried.stdout).toBe('retried 1 failed job(s) in crash\n');
    const requeued = JSON.parse((await run(['queue', 'status', '--redis', redis.url, '--queue', 'crash', '--json'])).stdout) as QueueStatus;
    expect(requeued).toMatchObject({ waiting: 1, completed: FILES, failed: 0 });
  });
});

describe('declutter queue work: SIGTERM', () => {
  it('releases the active job back to the queue after --grace, writing nothing, and otherwise finishes it', async () => {
    // Long enough that it cannot end between the first page and the signal (a warm text page takes a few ms).
    const lines = Array.from({ length: 300 }, (_, i) => {
      const page = PAGES[i % PAGES.length]!;
      return JSON.stringify({ id: `long#${i}`, [page.kind]: page.body });
    });
    writeFileSync(path.join(dir, 'long.jsonl'), `${lines.join('\n')}\n`);
    const add = await run(['queue', 'add', 'long.jsonl', '--redis', redis.url, '--queue', 'signals']);
    expect(add.stdout).toBe('added 1 job(s) to signals; 0 already queued\n');
    const out = path.join(dir, 'out-signals');
    const queue = new Queue('signals', { connection: { url: redis.url } });
    try {
      const hasty = startWorker('signals', out, ['--workers', '0', '--grace', '0.01', '--log-level', 'debug']);
      await hasty.waitFor((l) => l.msg === 'page cleaned');
      hasty.child.kill('SIGTERM');
      expect((await hasty.exited)[0]).toBe(0);
      expect(hasty.lines.map((l) => l.msg), JSON.stringify(hasty.lines.filter((l) => l.msg !== 'page cleaned'))).toContain('job released');
      expect(await queue.getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 1, active: 0, completed: 0 });
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);

      const patient = startWorker('signals', out, ['--workers', '0', '--log-level', 'debug']);
      await patient.waitFor((l) => l.msg === 'page cleaned');
      patient.child.kill('SIGTERM');
      expect((await patient.exited)[0]).toBe(0);
      expect(patient.lines.map((l) => l.msg)).toContain('job completed');
      expect(records(path.join(out, 'long.jsonl')).map((r) => r.id)).toEqual(lines.map((_, i) => `long#${i}`));
      expect(await queue.getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 0, active: 0, completed: 1 });
    } finally {
      await queue.close();
    }
  });
});

describe('declutter queue work: failures', () => {
  it('retries a file it cannot read with backoff, and fails a job added with other cleaning settings at once', async () => {
    writeFileSync(path.join(dir, 'other.jsonl'), `${JSON.stringify({ id: 'x', text: PAGES[0]!.body })}\n`);
    writeFileSync(path.join(dir, 'gone.jsonl'), `${JSON.stringify({ id: 'y', text: PAGES[1]!.body })}\n`);
    await run(['queue', 'add', 'other.jsonl', '--redis', redis.url, '--queue', 'failures', '--no-outlet-rules']);
    await run(['queue', 'add', 'gone.jsonl', '--redis', redis.url, '--queue', 'failures', '--attempts', '3', '--backoff', '0.05']);
    rmSync(path.join(dir, 'gone.jsonl'));
    const worker = startWorker('failures', path.join(dir, 'out-failures'), ['--workers', '0']);
    await worker.waitFor((l) => l.msg === 'job failed' && l.code === 'RULES_MISMATCH');
    await worker.waitFor((l) => l.msg === 'job failed' && l.code === 'INPUT_NOT_FOUND' && l.willRetry === false);
    worker.child.kill('SIGTERM');
    await worker.exited;
    const attempts = worker.lines.filter((l) => l.msg === 'job failed' && l.code === 'INPUT_NOT_FOUND').map((l) => [l.attempt, l.willRetry]);
    expect(attempts).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    const status = JSON.parse((await run(['queue', 'status', '--redis', redis.url, '--queue', 'failures', '--json'])).stdout) as QueueStatus;
    expect(status).toMatchObject({ waiting: 0, delayed: 0, completed: 0, failed: 2 });
    expect(status.failedJobs.map((j) => [path.basename(j.path), j.code, j.attempts]).sort()).toEqual([
      ['gone.jsonl', 'INPUT_NOT_FOUND', 3],
      ['other.jsonl', 'RULES_MISMATCH', 1],
    ]);
    const out = path.join(dir, 'out-failures');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('declutter queue: URL inputs and WARC files split by bytes', () => {
  it('cleans every record of a split WARC once, each part into its own file, and downloads a URL; a missing URL fails as not found', async () => {
    const specs = sampleCrawl(18, PAGES[2]!.body);
    const urls = specs.filter((s) => s.type === 'response').map((s) => s.url);
    const files = warcFiles(specs);
    mkdirSync(path.join(dir, 'in-split'));
    writeFileSync(path.join(dir, 'in-split/crawl.warc'), files.plain);
    const server = createServer((req, res) => {
      if (req.url === '/remote.warc.gz') res.writeHead(200, { 'content-length': files.perRecord.length }).end(files.perRecord);
      else res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const queue = new Queue('inputs', { connection: { url: redis.url } });
    try {
      const split = ['queue', 'add', 'in-split/crawl.warc', '--split-bytes', String(Math.floor(files.plain.length / 4)), '--redis', redis.url, '--queue', 'inputs'];
      const add = await run(split);
      const parts = Number(/(\d+) parts, cut at WARC records/.exec(add.stderr)?.[1]);
      expect(parts).toBeGreaterThanOrEqual(3);
      expect(add.stdout).toBe(`added ${parts} job(s) to inputs; 0 already queued\n`);
      expect((await run(split)).stdout).toBe(`added 0 job(s) to inputs; ${parts} already queued\n`);
      const remote = await run(['queue', 'add', `${base}/remote.warc.gz`, `${base}/missing.warc.gz`, '--attempts', '1', '--redis', redis.url, '--queue', 'inputs']);
      expect(remote.stdout).toBe('added 2 job(s) to inputs; 0 already queued\n');

      const out = path.join(dir, 'out-inputs');
      const worker = startWorker('inputs', out, ['--workers', '0']);
      await until(async () => {
        const c = await queue.getJobCounts('completed', 'failed');
        return c.completed === parts + 1 && c.failed === 1;
      });
      worker.child.kill('SIGTERM');
      expect((await worker.exited)[0]).toBe(0);

      const written = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl')).sort();
      const pieces = written.filter((f) => f.startsWith('crawl.bytes-'));
      expect(pieces).toHaveLength(parts);
      const byStart = pieces.sort((a, b) => Number(/bytes-(\d+)/.exec(a)![1]) - Number(/bytes-(\d+)/.exec(b)![1]));
      const ids = byStart.flatMap((f) => records(path.join(out, f)).map((r) => r.id));
      expect(ids).toEqual(urls);
      expect(records(path.join(out, `127.0.0.1_${port}/remote.jsonl`)).map((r) => r.id)).toEqual(urls);
      expect(written).toHaveLength(parts + 1);

      const status = JSON.parse((await run(['queue', 'status', '--redis', redis.url, '--queue', 'inputs', '--json'])).stdout) as QueueStatus;
      expect(status.failedJobs).toEqual([expect.objectContaining({ path: `${base}/missing.warc.gz`, code: 'INPUT_NOT_FOUND', attempts: 1 })]);
    } finally {
      await queue.close();
      server.close();
    }
  });
});
