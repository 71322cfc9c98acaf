/**
 * `cleanStream`: an object-mode Transform from pages to results. Order is kept, a bounded number of pages
 * is in flight, backpressure holds on both sides, and a page that fails becomes an error record instead
 * of ending the stream.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createCleaner } from './clean.js';
import { DeclutterError } from './errors.js';
import { createPool } from './pool/index.js';
import { checkCleanOptions, checkNumber } from './options.js';
import { errorRecord, toCleanError } from './input/records.js';
import type { CleanOptions, CleanResult, PageInput } from './types.js';

export interface StreamOptions extends CleanOptions {
  /** Clean in this many worker threads; 0 or unset cleans in this thread. */
  workers?: number;
  /** Pages in flight at once (default: 2 per worker, or 2 in this thread). */
  concurrency?: number;
  /** Per-page time limit in ms with workers (default 30 s); a page over it becomes a TIMEOUT record. */
  timeoutMs?: number;
}

/** Cleans one page and never rejects: failures come back as error records. */
export interface PageCleaner {
  clean(page: PageInput): Promise<CleanResult>;
  /** Frees the worker threads, if any. */
  close(): Promise<void>;
}

/**
 * Pages a batch keeps in flight for `workers` threads (4 each, so a thread never waits for the next page to be
 * read; 2 in this thread). `declutter clean` and `declutter queue work` both use it: the queue's own bench
 * compares the two, and must compare the same pipeline.
 */
export function batchPagesInFlight(workers: number): number {
  return workers > 0 ? workers * 4 : 2;
}

/** A cleaner in this thread, or a worker pool when `workers` is above 0. */
export function createPageCleaner(options: StreamOptions = {}): PageCleaner {
  const { workers = 0, timeoutMs, concurrency, ...cleanOptions } = options;
  checkCleanOptions(cleanOptions);
  checkNumber('workers', workers, { min: 0, integer: true });
  checkNumber('timeoutMs', timeoutMs, { min: 1 });
  checkNumber('concurrency', concurrency, { min: 1, integer: true });
  if (workers > 0) return createPool({ workers, timeoutMs, cleanOptions });
  const cleaner = createCleaner(cleanOptions);
  return {
    async clean(page) {
      try {
        return await cleaner.clean(page);
      } catch (err) {
        return errorRecord(page, toCleanError(err));
      }
    },
    close: async () => {},
  };
}

/** Object-mode Transform: pages in, results out, in input order. */
export function cleanStream(options: StreamOptions = {}): Transform {
  const cleaner = createPageCleaner(options);
  const concurrency = options.concurrency ?? Math.max(2, 2 * (options.workers ?? 0));
  const stream = mapOrdered((chunk: unknown) => cleaner.clean(toPage(chunk)), {
    concurrency,
    onError: (chunk, err) => errorRecord(pageRef(chunk), toCleanError(err)),
  });
  stream.once('close', () => void cleaner.close());
  return stream;
}

/** Accepts page objects, and HTML as a bare string or bytes. */
function toPage(chunk: unknown): PageInput {
  if (typeof chunk === 'string' || chunk instanceof Uint8Array) return { html: chunk };
  if (chunk && typeof chunk === 'object') return chunk as PageInput;
  throw new DeclutterError('INVALID_INPUT', `not a page: ${chunk === null ? 'null' : typeof chunk}`);
}

function pageRef(chunk: unknown): Pick<PageInput, 'id' | 'url'> | undefined {
  if (!chunk || typeof chunk !== 'object') return undefined;
  const { id, url } = chunk as PageInput;
  return { id, url };
}

export interface MapOrderedOptions<I, O> {
  /** How many inputs may be in flight or waiting for an earlier one to finish. */
  concurrency: number;
  /** Turns a failure of `fn` into an output record, so the stream goes on. */
  onError: (input: I, err: unknown) => O;
}

/**
 * An object-mode Transform running `fn` on up to `concurrency` inputs at once and emitting the
 * outputs in input order. A slow input holds back the finished ones behind it (they count against
 * `concurrency`), which is what bounds memory.
 */
export function mapOrdered<I, O>(fn: (input: I) => Promise<O>, opts: MapOrderedOptions<I, O>): Transform {
  return new OrderedMap(fn, opts);
}

interface Slot<O> {
  done: boolean;
  value?: O;
}

class OrderedMap<I, O> extends Transform {
  readonly #fn: (input: I) => Promise<O>;
  readonly #opts: MapOrderedOptions<I, O>;
  readonly #slots: Slot<O>[] = [];
  #waitingInput: TransformCallback | undefined;
  #waitingFlush: TransformCallback | undefined;
  /** The consumer asked for more since the last push (Readable's own `reading` flag, mirrored). */
  #readRequested = false;

  constructor(fn: (input: I) => Promise<O>, opts: MapOrderedOptions<I, O>) {
    super({ objectMode: true, highWaterMark: Math.max(1, opts.concurrency) });
    this.#fn = fn;
    this.#opts = { ...opts, concurrency: Math.max(1, Math.floor(opts.concurrency)) };
  }

  override _transform(input: I, _enc: BufferEncoding, callback: TransformCallback): void {
    const slot: Slot<O> = { done: false };
    this.#slots.push(slot);
    this.#run(input).then(
      (value) => {
        slot.done = true;
        slot.value = value;
        this.#emitReady();
      },
      () => {
        /* #run has destroyed the stream with the error */
      },
    );
    if (this.#canAccept()) callback();
    else this.#waitingInput = callback;
  }

  override _flush(callback: TransformCallback): void {
    if (this.#slots.length === 0) callback();
    else this.#waitingFlush = callback;
  }

  override _read(size: number): void {
    this.#readRequested = true;
    // Release first: if Transform parks the released callback because its buffer looks full, its own
    // _read (next line) hands it on. The other order deadlocks, as Readable calls _read once per push.
    this.#releaseInput();
    super._read(size);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.#slots.length = 0;
    this.#waitingInput = undefined;
    this.#waitingFlush = undefined;
    callback(err);
  }

  async #run(input: I): Promise<O> {
    try {
      return await this.#fn(input);
    } catch (err) {
      try {
        return this.#opts.onError(input, err);
      } catch (inner) {
        // Even the error mapper failed: fail loudly rather than emit a hole in the order.
        this.destroy(inner instanceof Error ? inner : new Error(String(inner)));
        throw inner;
      }
    }
  }

  #canAccept(): boolean {
    // Readable-side backpressure: take no more input while finished outputs wait unread, unless the
    // consumer has asked for more (Readable calls _read just before it drains the buffer).
    const outputRoom = this.readableLength < this.readableHighWaterMark || this.#readRequested;
    return this.#slots.length < this.#opts.concurrency && outputRoom;
  }

  #emitReady(): void {
    if (this.destroyed) return;
    while (this.#slots[0]?.done) {
      const slot = this.#slots.shift()!;
      this.#readRequested = false;
      this.push(slot.value);
    }
    this.#releaseInput();
    if (this.#waitingFlush && this.#slots.length === 0) {
      const done = this.#waitingFlush;
      this.#waitingFlush = undefined;
      done();
    }
  }

  #releaseInput(): void {
    if (this.#waitingInput && this.#canAccept()) {
      const next = this.#waitingInput;
      this.#waitingInput = undefined;
      next();
    }
  }
}
