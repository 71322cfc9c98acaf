/**
 * A worker-thread pool (piscina) that cleans pages on every core. Each page gets a time limit; a page
 * over it has its worker terminated and replaced, and only that page becomes an error record.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Piscina as PiscinaPool } from 'piscina';
import { errorRecord, toCleanError } from '../input/records.js';
import { DEFAULT_MAX_BYTES, pageSizeError } from '../limits.js';
import { logPage } from '../log.js';
import type { CleanOptions, CleanResult, PageInput } from '../types.js';
import type { WorkerTask } from './worker.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

// Loaded when a pool is made: a caller cleaning in its own thread (the CLI on one page) never pays for it.
const require = createRequire(import.meta.url);

/**
 * A worker's heap cap: a runaway page kills its worker (an error record), not the whole process. A low cap also
 * makes V8 collect before the heap balloons: over a 10,000-page stream, two linkedom workers and the main thread
 * peaked at 527 MB with 512 MB caps, against 791-1,073 MB with 2 GB. The cap leaves room for a page at the size
 * limit: a parsed page takes about 2 MB per MB of HTML in linkedom, over 20 in jsdom (MEASURED.md), counted twice.
 */
function workerHeapMb(dom: string | undefined, maxBytes: number): number {
  const perMb = dom === 'jsdom' ? 45 : 5;
  return Math.max(512, Math.ceil((maxBytes / 1024 / 1024) * perMb) + 256);
}

/**
 * A worker's young generation, where a page's DOM and strings are born and (mostly) die. V8's default (48 MB:
 * two 16 MB semi-spaces) is scavenged about every two pages here, and a scavenge in the middle of a page promotes
 * its live DOM to the old generation, which then needs a full collection. With 96 MB, two workers scavenged half as
 * often and spent 1.0 ms a page in GC instead of 1.4-2.0 (PerformanceObserver in each worker, 273 warm zyte pages
 * each), and cleaned 126-129 pages/s together against 108-120; a larger young generation gained nothing more.
 */
const WORKER_YOUNG_MB = 96;

export interface PoolOptions {
  workers: number;
  /** Per-page time limit in ms (default 30 s), counted from when a worker starts on the page. */
  timeoutMs?: number;
  cleanOptions?: CleanOptions;
  /** The worker module; defaults to the built `worker.js` next to this file. */
  workerFile?: string | URL;
}

export interface Pool {
  clean(page: PageInput): Promise<CleanResult>;
  close(): Promise<void>;
}

export function createPool(options: PoolOptions): Pool {
  const workers = Math.max(1, Math.floor(options.workers));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The logger stays in this thread (it cannot be cloned to a worker): page lines are logged here.
  const { logger, ...cleanOptions } = options.cleanOptions ?? {};
  const maxBytes = cleanOptions.maxBytes ?? DEFAULT_MAX_BYTES;
  const file = options.workerFile ?? new URL('../pool/worker.js', import.meta.url);
  // Workers say on this channel when they start a page, so a page's clock excludes its wait in the
  // queue and the start-up of a fresh worker (loading rules takes a while on a busy machine).
  const channelName = `declutter-pool-${randomUUID()}`;
  const starts = new BroadcastChannel(channelName);
  starts.unref();
  const onStart = new Map<number, () => void>();
  starts.onmessage = (event) => onStart.get(event.data as number)?.();

  const { Piscina } = require('piscina') as { Piscina: typeof PiscinaPool };
  const piscina = new Piscina<WorkerTask, CleanResult>({
    filename: typeof file === 'string' ? file : fileURLToPath(file),
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    workerData: { cleanOptions, channelName },
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(cleanOptions.dom, maxBytes), maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  let nextTaskId = 0;
  let closed = false;

  async function runOne(page: PageInput): Promise<CleanResult> {
    const taskId = nextTaskId++;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let started = performance.now();
    onStart.set(taskId, () => {
      onStart.delete(taskId);
      started = performance.now();
      timer = setTimeout(() => controller.abort(), timeoutMs);
    });
    let result: CleanResult;
    try {
      result = await piscina.run({ page, taskId }, { signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) {
        result = errorRecord(page, {
          code: 'TIMEOUT',
          message: `cleaning took longer than ${timeoutMs} ms; the worker was stopped and replaced`,
        });
      } else {
        // The worker returns a page's failure as a record: anything thrown is the worker itself failing (out of
        // memory, crashed), whatever code Node gives it (ERR_WORKER_OUT_OF_MEMORY...).
        result = errorRecord(page, { code: 'WORKER_FAILED', message: toCleanError(err).message });
      }
    } finally {
      clearTimeout(timer);
      onStart.delete(taskId);
    }
    logPage(logger, result, performance.now() - started);
    return result;
  }

  return {
    clean(page) {
      // Checked here too, so a page over the limit is never copied to a worker.
      const tooLarge = pageSizeError(page, maxBytes);
      if (tooLarge) return Promise.resolve(errorRecord(page, tooLarge));
      if (closed) return Promise.resolve(errorRecord(page, { code: 'POOL_CLOSED', message: 'the worker pool is closed' }));
      return runOne(page);
    },
    async close() {
      if (closed) return;
      closed = true;
      starts.close();
      await piscina.destroy();
    },
  };
}
