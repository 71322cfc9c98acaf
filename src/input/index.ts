/**
 * Reading inputs: files (HTML, text, JSONL, WARC), folders, globs and standard input, as one ordered
 * sequence of pages. Anything unreadable becomes an item with `error` set, never an exception.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ByteReader, gunzipReader } from './bytes.js';
import { DEFAULT_MAX_BYTES, overLimitError, sizeError } from '../limits.js';
import { lineLimit, readJsonl } from './jsonl.js';
import { readWarc } from './warc.js';
import { formatFromBytes, formatFromName, isGzip } from './sniff.js';
import type { CleanError } from '../types.js';
import type { ConcreteFormat, InputFormat, InputItem, InputSource } from './types.js';

export { resolveInputs } from './resolve.js';
export { errorRecord, toCleanError } from './records.js';
export { INPUT_FORMATS } from './types.js';
export type { ByteRange, InputFormat, InputItem, InputSource } from './types.js';

export interface ReadOptions {
  format?: InputFormat;
  /** Pages over this many bytes (after decompression) become TOO_LARGE items without being held whole (default 20 MB). */
  maxBytes?: number;
  /** Where `-` reads from (default process.stdin). */
  stdin?: AsyncIterable<Uint8Array>;
  /** Stops a download of a URL source. */
  signal?: AbortSignal;
}

/** An http or https URL: read with fetch rather than from disk. */
export function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

const HEAD_BYTES = 4096;

/** Pages from every source, in order. Every source yields at least one item. */
export async function* readInputs(sources: InputSource[], options: ReadOptions = {}): AsyncGenerator<InputItem> {
  for (const source of sources) {
    let count = 0;
    const items = source.path === '-' ? readStdin(source, options) : isUrl(source.path) ? readUrl(source, options) : readFile(source, options);
    for await (const item of items) {
      count++;
      yield item;
    }
    if (count === 0) {
      const where = source.path === '-' ? 'standard input' : source.path;
      yield { page: { id: source.path }, name: `${source.name}/no-pages`, error: { code: 'NO_PAGES', message: `${where}: no pages in it` } };
    }
  }
}

/** Only regular files are read: a device (/dev/zero), a FIFO or a socket would never end, or never start. */
async function* readFile(source: InputSource, options: ReadOptions): AsyncGenerator<InputItem> {
  let size: number;
  try {
    const info = await stat(source.path);
    if (!info.isFile()) {
      yield { page: { id: source.path }, name: source.name, error: { code: 'NOT_A_FILE', message: `${source.path}: not a regular file (devices, FIFOs and sockets are not read)` } };
      return;
    }
    size = info.size;
  } catch (err) {
    yield { page: { id: source.path }, name: source.name, error: readError(err) };
    return;
  }
  const { range } = source;
  if (!range) {
    yield* readBytes(new ByteReader(createReadStream(source.path)), source, options, size);
    return;
  }
  // An empty range reads nothing (createReadStream's `end` is inclusive, and an `end` below `start` is an error).
  const stream = range.end > range.start ? createReadStream(source.path, { start: range.start, end: range.end - 1 }) : Readable.from([]);
  yield* readBytes(new ByteReader(stream), source, options, Math.max(0, Math.min(size, range.end) - range.start));
}

/**
 * A URL's body, streamed (`Range` asked for a part): 404 and 410 are INPUT_NOT_FOUND, any other failure
 * READ_FAILED; the body goes through the same readers and limits as a file's.
 */
async function* readUrl(source: InputSource, options: ReadOptions): AsyncGenerator<InputItem> {
  const fail = (code: 'INPUT_NOT_FOUND' | 'READ_FAILED', message: string): InputItem => ({
    page: { id: source.path },
    name: source.name,
    error: { code, message: `${source.path}: ${message}` },
  });
  const { range } = source;
  let response: Response;
  try {
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end - 1}` } : {};
    response = await fetch(source.path, { headers, signal: options.signal });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    yield fail('READ_FAILED', cause?.message ?? cause?.code ?? (err as Error).message);
    return;
  }
  if (!response.ok || (range && response.status !== 206)) {
    await response.body?.cancel();
    const gone = response.status === 404 || response.status === 410;
    const why = response.ok ? `the server sent the whole file (HTTP ${response.status}) for a byte range` : `HTTP ${response.status} ${response.statusText}`;
    yield fail(gone ? 'INPUT_NOT_FOUND' : 'READ_FAILED', why);
    return;
  }
  // fetch undoes a Content-Encoding, so the length on the wire says nothing of the size then.
  const length = response.headers.get('content-encoding') ? NaN : Number(response.headers.get('content-length') ?? NaN);
  const body = response.body ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
  yield* readBytes(new ByteReader(body), source, options, Number.isSafeInteger(length) ? length : undefined);
}

function readStdin(source: InputSource, options: ReadOptions): AsyncGenerator<InputItem> {
  return readBytes(new ByteReader(options.stdin ?? (process.stdin as AsyncIterable<Uint8Array>)), source, options);
}

/**
 * One source's bytes as pages: gunzipped when they are gzip (whatever the name), the format chosen by name or by
 * the first bytes, then read with that format's bounds. A failure mid-source ends it with one error item.
 */
async function* readBytes(raw: ByteReader, source: InputSource, options: ReadOptions, size?: number): AsyncGenerator<InputItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const id = source.path;
  let reader = raw;
  let compressed = false;
  try {
    let head = await reader.peek(HEAD_BYTES);
    let name = id;
    if (isGzip(head)) {
      reader = gunzipReader(raw);
      head = await reader.peek(HEAD_BYTES);
      name = name.replace(/\.gz$/i, '');
      compressed = true;
    }
    const format = chooseFormat(options.format, name, head);
    if (format === 'jsonl') {
      yield* readJsonl(reader, source.name, lineLimit(maxBytes));
      return;
    }
    if (format === 'warc') {
      yield* readWarc(reader, { label: id === '-' ? 'stdin' : id, folder: source.name }, { maxBytes });
      return;
    }
    // A plain file's size is known before reading; a compressed one's only by reading up to the limit.
    const tooLarge = !compressed && size !== undefined ? sizeError(size, maxBytes) : undefined;
    if (tooLarge) {
      yield { page: { id }, name: source.name, error: tooLarge };
      return;
    }
    const bytes = await reader.read(maxBytes + 1);
    if (bytes.length > maxBytes) {
      yield { page: { id }, name: source.name, error: overLimitError(compressed ? 'the decompressed page' : 'the page', maxBytes) };
      return;
    }
    yield { page: pageFrom(format, id, bytes), name: source.name };
  } catch (err) {
    yield { page: { id }, name: `${source.name}/read-error`, error: readError(err) };
  } finally {
    await reader.close();
    if (reader !== raw) await raw.close();
  }
}

function chooseFormat(requested: InputFormat | undefined, path: string, head: Uint8Array): ConcreteFormat {
  if (requested && requested !== 'auto') return requested;
  return formatFromName(path) ?? formatFromBytes(head);
}

function pageFrom(format: ConcreteFormat, id: string, bytes: Uint8Array) {
  if (format === 'text') return { id, text: new TextDecoder('utf-8').decode(bytes) };
  return { id, html: bytes };
}

function readError(err: unknown): CleanError {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOENT') return { code: 'INPUT_NOT_FOUND', message };
  if (code === 'Z_BUF_ERROR') return { code: 'GZIP_TRUNCATED', message: `the gzip stream ends early: ${message}` };
  if (code?.startsWith('Z_')) return { code: 'INVALID_GZIP', message: `not valid gzip: ${message}` };
  return { code: 'READ_FAILED', message };
}
