/** `queue status`: job counts, pages cleaned and pages/s from the completed jobs, and the failed files with their codes. */
import type { Queue } from 'bullmq';
import type { FileJob, JobOutcome } from './jobs.js';

export interface QueueStatus {
  waiting: number;
  active: number;
  /** Failed attempts waiting out their backoff before the next one. */
  delayed: number;
  completed: number;
  failed: number;
  /** Pages in completed jobs (error records included). */
  pages: number;
  pagesPerSec: {
    /** Over the jobs finished in the last minute. */
    lastMinute: number;
    /** From the first completed job's start to the last one's end. */
    overall: number;
  };
  /** The first `FAILED_LISTED` failed jobs. */
  failedJobs: { id: string; path: string; code: string; message: string; attempts: number }[];
}

const FAILED_LISTED = 100;
const WINDOW_MS = 60_000;

export async function queueStatus(queue: Queue<FileJob, JobOutcome>, now = Date.now()): Promise<QueueStatus> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
  let pages = 0;
  let first = Infinity;
  let last = 0;
  let windowPages = 0;
  let windowStart = now;
  for (let start = 0; start < (counts.completed ?? 0); start += 1000) {
    for (const job of await queue.getCompleted(start, start + 999)) {
      const done = job.returnvalue?.pages ?? 0;
      pages += done;
      first = Math.min(first, job.processedOn ?? Infinity);
      last = Math.max(last, job.finishedOn ?? 0);
      if ((job.finishedOn ?? 0) >= now - WINDOW_MS) {
        windowPages += done;
        windowStart = Math.min(windowStart, job.processedOn ?? now);
      }
    }
  }
  const failedJobs = (await queue.getFailed(0, FAILED_LISTED - 1)).map((job) => {
    const [, code = 'FAILED', message = job.failedReason] = /^([A-Z][A-Z0-9_]*): (.*)$/s.exec(job.failedReason ?? '') ?? [];
    return { id: String(job.id), path: job.data.path, code, message, attempts: job.attemptsMade };
  });
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    pages,
    pagesPerSec: {
      lastMinute: perSecond(windowPages, now - Math.max(windowStart, now - WINDOW_MS)),
      overall: perSecond(pages, last - first),
    },
    failedJobs,
  };
}

function perSecond(pages: number, ms: number): number {
  return ms > 0 && Number.isFinite(ms) ? Math.round((pages / ms) * 10_000) / 10 : 0;
}

export function formatStatus(status: QueueStatus): string {
  const rows: [string, string][] = [
    ['waiting', String(status.waiting)],
    ['active', String(status.active)],
    ['delayed', `${status.delayed}${status.delayed ? ' (retrying after a backoff)' : ''}`],
    ['completed', `${status.completed} (${status.pages} pages)`],
    ['failed', String(status.failed)],
    ['pages/s', `${status.pagesPerSec.lastMinute} over the last minute, ${status.pagesPerSec.overall} overall`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  for (const job of status.failedJobs) lines.push(`  failed: ${job.path}: ${job.code} ${job.message} (${job.attempts} attempt(s))`);
  return lines.join('\n');
}
