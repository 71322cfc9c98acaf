/**
 * Reading inputs: files (HTML, text, JSONL, WARC), folders, globs and standard input, as one ordered
 * sequence of pages. Anything unreadable becomes an item with `error` set, never an exception.
 */
import { open, readFile as readWhole, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { DEFAULT_MAX_BYTES, sizeError } from './records.js';
import { readJsonl } from './jsonl.js';
import { readWarc } from './warc.js';
import { formatFromBytes, formatFromName } from './sniff.js';
import type { CleanError } from '../types.js';
import type { ConcreteFormat, InputFormat, InputItem, InputSource } from './types.js';

export { resolveInputs } from './resolve.js';
export { errorRecord, toCleanError } from './records.js';
export { INPUT_FORMATS } from './types.js';
export type { InputFormat, InputItem, InputSource } from './types.js';

export interface ReadOptions {
  format?: InputFormat;
  /** Pages over this many bytes become TOO_LARGE items without being read whole (default 20 MB). */
  maxBytes?: number;
  /** Where `-` reads from (default process.stdin). */
  stdin?: AsyncIterable<Uint8Array>;
}

const HEAD_BYTES = 4096;

/** Pages from every source, in order. */
export async function* readInputs(sources: InputSource[], options: ReadOptions = {}): AsyncGenerator<InputItem> {
  for (const source of sources) {
    if (source.path === '-') yield* readStdin(source, options);
    else yield* readFile(source, options);
  }
}

async function* readFile(source: InputSource, options: ReadOptions): AsyncGenerator<InputItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const id = source.path;
  let format: ConcreteFormat;
  let size: number;
  let head: Uint8Array;
  try {
    size = (await stat(source.path)).size;
    head = await readHead(source.path);
    format = chooseFormat(options.format, source.path, head);
  } catch (err) {
    yield { page: { id }, name: source.name, error: readError(err) };
    return;
  }
  if (format === 'jsonl') {
    yield* guardRead(readJsonl(createReadStream(source.path), source.name), source);
    return;
  }
  if (format === 'warc') {
    yield* guardRead(
      readWarc(createReadStream(source.path), { label: source.path, folder: source.name, head }, { maxBytes }),
      source,
    );
    return;
  }
  const tooLarge = sizeError(size, maxBytes);
  if (tooLarge) {
    yield { page: { id }, name: source.name, error: tooLarge };
    return;
  }
  try {
    const bytes = new Uint8Array(await readWhole(source.path));
    yield { page: pageFrom(format, id, bytes), name: source.name };
  } catch (err) {
    yield { page: { id }, name: source.name, error: readError(err) };
  }
}

async function* readStdin(source: InputSource, options: ReadOptions): AsyncGenerator<InputItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const input = options.stdin ?? (process.stdin as AsyncIterable<Uint8Array>);
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array() : toBytes(first.value);
  const rest: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      if (!first.done) yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield toBytes(next.value);
      }
    },
  };
  const format = chooseFormat(options.format, '-', head);
  if (format === 'jsonl') {
    yield* guardRead(readJsonl(rest, source.name), source);
    return;
  }
  if (format === 'warc') {
    yield* guardRead(readWarc(rest, { label: 'stdin', folder: source.name, head }, { maxBytes }), source);
    return;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of rest) {
    size += chunk.byteLength;
    // Past the limit, keep draining the pipe but stop holding the bytes.
    if (size <= maxBytes) chunks.push(chunk);
  }
  const tooLarge = sizeError(size, maxBytes);
  if (tooLarge) {
    yield { page: { id: '-' }, name: source.name, error: tooLarge };
    return;
  }
  yield { page: pageFrom(format, '-', Buffer.concat(chunks)), name: source.name };
}

/** A failure inside a reader (an I/O error mid-file) ends that source with one error item. */
async function* guardRead(items: AsyncGenerator<InputItem>, source: InputSource): AsyncGenerator<InputItem> {
  try {
    yield* items;
  } catch (err) {
    yield { page: { id: source.path }, name: `${source.name}/read-error`, error: readError(err) };
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

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(String(chunk));
}

function readError(err: unknown): CleanError {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  return { code: code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'READ_FAILED', message };
}
