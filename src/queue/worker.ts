/**
 * A queue worker: takes file jobs from BullMQ and cleans them through one page cleaner (a worker-thread
 * pool) shared by the jobs it runs at once. Logs a line when a job starts, completes, fails or is released.
 */
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import pLimit from 'p-limit';
import { removeStaleTemps } from '../cli/write-atomic.js';
import { toCleanError } from '../input/index.js';
import type { Logger } from '../log.js';
import { batchPagesInFlight, createPageCleaner } from '../stream.js';
import { cleanFileJob, JobError } from './file-job.js';
import type { CleanSettings, FileJob, JobOutcome } from './jobs.js';

export interface QueueWorkerOptions {
  redisUrl: string;
  queue: string;
  outDir: string;
  /** Jobs (files) worked on at once. */
  concurrency: number;
  /** Cleaning threads; 0 cleans in the main thread. */
  workers: number;
  /** Per-page time limit with workers. */
  timeoutMs: number;
  /** How long a job stays locked without a renewal: a job whose worker died goes back to the queue after about this long. */
  lockMs: number;
  settings: CleanSettings;
  version: string;
  rulesHash: string;
  logger: Logger & { child(bindings: object): Logger };
}

export interface QueueWorker {
  /** Takes no more jobs and resolves once the active ones have finished or, after `graceMs`, been released. */
  stop(graceMs: number): Promise<void>;
  /** Stops the active jobs now and puts them back in the queue; their partial output is dropped. */
  release(): void;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { settings, logger } = options;
  const cleaner = createPageCleaner({ ...settings, logger, workers: options.workers, timeoutMs: options.timeoutMs });
  // A worker killed mid-job (SIGKILL, out of memory, power) left its job's temp file here; its job is redone.
  // Another machine's temp file is left alone until it is older than a lock and a page's time limit, twice over.
  try {
    const stale = await removeStaleTemps(options.outDir, { olderThanMs: 2 * (options.lockMs + options.timeoutMs) });
    if (stale.length) logger.info({ count: stale.length, files: stale.slice(0, 20) }, 'removed temp files left by stopped workers');
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not look for temp files left by stopped workers');
  }
  const context = {
    cleaner,
    pages: pLimit(batchPagesInFlight(options.workers)),
    outDir: options.outDir,
    maxBytes: settings.maxBytes,
    // Four times within the age at which another machine's worker would remove it.
    touchMs: Math.max(1000, Math.round((options.lockMs + options.timeoutMs) / 2)),
  };

  async function processJob(job: Job<FileJob, JobOutcome>, token?: string, signal?: AbortSignal): Promise<JobOutcome> {
    const log = logger.child({ jobId: job.id, file: job.data.path });
    const attempt = job.attemptsMade + 1;
    if (job.data.version !== options.version || job.data.rulesHash !== options.rulesHash) {
      const message =
        `RULES_MISMATCH: the job was added by declutter ${job.data.version} with rules ${job.data.rulesHash}; ` +
        `this worker runs ${options.version} with rules ${options.rulesHash} (same version, --rules and cleaning flags needed)`;
      log.error({ attempt, code: 'RULES_MISMATCH' }, 'job failed');
      throw new UnrecoverableError(message);
    }
    log.info({ attempt }, 'job started');
    const stop = signal ?? new AbortController().signal;
    try {
      const outcome = await cleanFileJob(
        { id: job.id!, data: job.data, signal: stop, progress: (counts) => job.updateProgress(counts) },
        context,
      );
      log.info({ ...outcome, pagesPerSec: rate(outcome) }, 'job completed');
      return outcome;
    } catch (err) {
      if (stop.aborted) {
        await job.moveToWait(token);
        log.info({ attempt }, 'job released');
        throw new WaitingError();
      }
      const { code, message } = toCleanError(err);
      const retry = !(err instanceof JobError) || err.retry;
      const willRetry = retry && attempt < (job.opts.attempts ?? 1);
      log.error({ attempt, code, willRetry, err: message }, 'job failed');
      const reason = `${code}: ${message}`;
      throw retry ? new Error(reason) : new UnrecoverableError(reason);
    }
  }

  const worker = new Worker<FileJob, JobOutcome>(options.queue, processJob, {
    connection: { url: options.redisUrl, maxRetriesPerRequest: null },
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    autorun: false,
  });
  worker.on('error', (err) => logger.error({ err: err.message }, 'queue error'));
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'job stalled: its worker stopped renewing the lock; back in the queue'));
  const running = worker.run();
  await worker.waitUntilReady();
  logger.info(
    { queue: options.queue, out: options.outDir, concurrency: options.concurrency, workers: options.workers },
    'worker started',
  );

  const release = () => worker.cancelAllJobs('released at shutdown');
  return {
    release,
    async stop(graceMs) {
      logger.info({ graceMs }, 'worker stopping: finishing active jobs');
      const timer = setTimeout(release, graceMs);
      try {
        await worker.close();
        await running;
      } finally {
        clearTimeout(timer);
        await cleaner.close();
      }
      logger.info({ queue: options.queue }, 'worker stopped');
    },
  };
}

function rate(outcome: JobOutcome): number {
  return Math.round((outcome.pages / Math.max(outcome.ms, 1)) * 10_000) / 10;
}
