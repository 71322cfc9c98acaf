/** The worker thread's task: clean one page with a cleaner built once per thread. */
import { BroadcastChannel, workerData } from 'node:worker_threads';
import { createCleaner } from '../clean.js';
import { errorRecord, toCleanError } from '../input/records.js';
import type { CleanOptions, CleanResult, PageInput } from '../types.js';

export interface WorkerTask {
  page: PageInput;
  /** Announced on the pool's channel when work starts: the page's time limit runs from then. */
  taskId: number;
}

interface PoolData {
  cleanOptions?: CleanOptions;
  channelName?: string;
}

const data = (workerData ?? {}) as PoolData;
// Built when the worker loads, before it takes a page, so rule loading is not charged to any page.
const cleaner = createCleaner(data.cleanOptions ?? {});
const channel = data.channelName ? new BroadcastChannel(data.channelName) : undefined;
channel?.unref();

/** Tells the pool this task has started (tests' wrapper workers call it too). */
export function announceStart(task: WorkerTask): void {
  channel?.postMessage(task.taskId);
}

export default async function cleanInWorker(task: WorkerTask): Promise<CleanResult> {
  announceStart(task);
  try {
    return await cleaner.clean(task.page);
  } catch (err) {
    // Returned, not thrown: a thrown error crosses the thread boundary without its `code`.
    return errorRecord(task.page, toCleanError(err));
  }
}
