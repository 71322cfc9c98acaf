/**
 * Cleans one job's file: every record through the page cleaner, in input order, into `<out>/<name>.jsonl`
 * (error records included, as on stdout), written atomically, then a `.done` marker. A file that cannot
 * be read as a whole fails the job instead: nothing is written for it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LimitFunction } from 'p-limit';
import { openAtomic } from '../cli/write-atomic.js';
import { streamSink } from '../cli/output.js';
import { DeclutterError, type ErrorCode } from '../errors.js';
import { errorRecord, readInputs, toCleanError, type InputItem } from '../input/index.js';
import { mapOrdered, type PageCleaner } from '../stream.js';
import type { CleanResult } from '../types.js';
import type { FileJob, JobOutcome } from './jobs.js';

/** Whole-file read failures, and whether another attempt may succeed (a damaged file stays damaged). */
const FILE_ERRORS: Partial<Record<ErrorCode, { retry: boolean }>> = {
  INPUT_NOT_FOUND: { retry: true },
  READ_FAILED: { retry: true },
  NOT_A_FILE: { retry: false },
  GZIP_TRUNCATED: { retry: false },
  INVALID_GZIP: { retry: false },
  WARC_TRUNCATED: { retry: false },
  INVALID_WARC: { retry: false },
};

/** A job that cannot be done; `retry` says whether BullMQ should try it again. */
export class JobError extends DeclutterError {
  readonly retry: boolean;
  constructor(code: ErrorCode, message: string, retry: boolean) {
    super(code, message);
    this.name = 'JobError';
    this.retry = retry;
  }
}

export interface FileJobContext {
  cleaner: PageCleaner;
  /** Bounds the pages in flight over all the jobs this process runs at once. */
  pages: LimitFunction;
  outDir: string;
  maxBytes: number;
  /**
   * How often a running job marks its temp file as in use, so that a worker starting on another machine does not
   * take it for a dead worker's (a WARC part with no HTML for minutes writes nothing).
   */
  touchMs: number;
}

export interface FileJobRun {
  id: string;
  data: FileJob;
  /** Aborting stops the job between pages and drops its partial output. */
  signal: AbortSignal;
  /** Called at most once a second with the counts so far. */
  progress(counts: { pages: number; errors: number }): Promise<void>;
}

/** `<name>.jsonl`; a byte range's job `<name>.bytes-<start>-<end>.jsonl`, so the parts of a file stay apart. */
export function outputFileOf(outDir: string, data: FileJob): string {
  const part = data.range ? `.bytes-${data.range.start}-${data.range.end}` : '';
  return path.join(outDir, `${data.name}${part}.jsonl`);
}

/** The marker written after the output: which job wrote it and what it held. */
interface DoneMarker extends JobOutcome {
  jobId: string;
}

export async function cleanFileJob(run: FileJobRun, ctx: FileJobContext): Promise<JobOutcome> {
  const file = outputFileOf(ctx.outDir, run.data);
  const marker = `${file}.done`;
  // A worker that died between writing the marker and telling Redis: the output is already whole.
  const previous = await readMarker(marker);
  if (previous?.jobId === run.id) return { pages: previous.pages, errors: previous.errors, ms: previous.ms };

  const started = performance.now();
  const counts = { pages: 0, errors: 0 };
  let reported = started;
  const out = await openAtomic(file);
  const sink = streamSink(out.stream, 'jsonl');
  const source = { path: run.data.path, name: run.data.name, range: run.data.range };
  const touching = setInterval(() => void out.touch(), ctx.touchMs).unref();
  try {
    await pipeline(
      Readable.from(readInputs([source], { maxBytes: ctx.maxBytes, signal: run.signal })),
      async function* (items: AsyncIterable<InputItem>) {
        for await (const item of items) {
          const code = item.error?.code;
          const failure = code && FILE_ERRORS[code];
          if (failure) throw new JobError(code, item.error!.message, failure.retry);
          yield item;
        }
      },
      mapOrdered(
        async (item: InputItem): Promise<CleanResult> =>
          item.error ? errorRecord(item.page, item.error) : ctx.pages(() => ctx.cleaner.clean(item.page)),
        { concurrency: ctx.pages.concurrency, onError: (item, err) => errorRecord(item.page, toCleanError(err)) },
      ),
      async (results: AsyncIterable<CleanResult>) => {
        for await (const result of results) {
          counts.pages++;
          if (result.error) counts.errors++;
          await sink.write(result, run.data.name);
          if (performance.now() - reported >= 1000) {
            reported = performance.now();
            await run.progress(counts);
          }
        }
        await sink.end();
      },
      { signal: run.signal },
    );
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  } finally {
    clearInterval(touching);
  }
  const outcome: JobOutcome = { ...counts, ms: Math.round(performance.now() - started) };
  const done = await openAtomic(marker);
  done.stream.write(`${JSON.stringify({ jobId: run.id, ...outcome } satisfies DoneMarker)}\n`);
  await done.commit();
  return outcome;
}

async function readMarker(file: string): Promise<DoneMarker | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DoneMarker;
  } catch {
    return undefined;
  }
}
