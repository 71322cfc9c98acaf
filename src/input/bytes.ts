/**
 * A pull reader over a byte stream with bounded reads: lines up to a length, blocks up to a size, skips that
 * stop at the end of the stream. Every reader of a file format (WARC, JSONL, a single page) goes through it, so
 * no input can make declutter hold more than the limit it asked for, or wait on bytes that never come.
 */
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

const EMPTY = Buffer.alloc(0);

/** What `readLine` returns for a line longer than its limit. */
export const LINE_TOO_LONG = Symbol('line too long');

export class ByteReader implements AsyncIterable<Uint8Array> {
  private readonly source: AsyncIterator<Uint8Array>;
  private buf: Buffer = EMPTY;
  private pos = 0;
  private ended = false;
  /** An error the source gave while `peek` read ahead: thrown when the bytes before it have been read. */
  private failure: { error: unknown } | undefined;
  /** Bytes consumed so far. */
  offset = 0;
  /** The length of the last line `readLine` reported as too long (counted up to where it stopped reading). */
  skippedLineBytes = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** True when a byte is buffered; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.pos >= this.buf.length) {
      if (this.failure) {
        const { error } = this.failure;
        this.failure = undefined;
        throw error;
      }
      if (this.ended) return false;
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      const v = next.value;
      this.buf = Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      this.pos = 0;
    }
    return true;
  }

  /** The next `n` bytes (fewer at the end of the stream) without consuming them. */
  async peek(n: number): Promise<Buffer> {
    if (!(await this.fill())) return EMPTY;
    while (this.buf.length - this.pos < n && !this.ended) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await this.source.next();
      } catch (error) {
        // The bytes read so far are still given; the error comes when a read reaches it.
        this.failure = { error };
        this.ended = true;
        break;
      }
      if (next.done) {
        this.ended = true;
        break;
      }
      this.buf = Buffer.concat([this.buf.subarray(this.pos), next.value]);
      this.pos = 0;
    }
    return this.buf.subarray(this.pos, this.pos + n);
  }

  /**
   * The next line with its `\n`, or the rest of the stream when it ends without one; null at the end.
   * A line longer than `max` bytes gives LINE_TOO_LONG: with `skipRest` its remainder is read and dropped
   * (the reader then stands at the next line), else the reader stops where the limit was reached.
   */
  async readLine(max: number, skipRest = true): Promise<Buffer | null | typeof LINE_TOO_LONG> {
    const parts: Buffer[] = [];
    let size = 0;
    while (await this.fill()) {
      const nl = this.buf.indexOf(10, this.pos);
      const end = nl >= 0 ? nl + 1 : this.buf.length;
      if (size + end - this.pos > max) {
        this.skippedLineBytes = size + end - this.pos;
        if (!skipRest) return LINE_TOO_LONG;
        this.offset += end - this.pos;
        this.pos = end;
        while (nl < 0 && (await this.fill())) {
          const at = this.buf.indexOf(10, this.pos);
          const stop = at >= 0 ? at + 1 : this.buf.length;
          this.skippedLineBytes += stop - this.pos;
          this.offset += stop - this.pos;
          this.pos = stop;
          if (at >= 0) break;
        }
        return LINE_TOO_LONG;
      }
      parts.push(this.buf.subarray(this.pos, end));
      size += end - this.pos;
      this.offset += end - this.pos;
      this.pos = end;
      if (nl >= 0) break;
    }
    if (!parts.length) return null;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
  }

  /** Up to `n` bytes: fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    while (size < n && (await this.fill())) {
      const take = Math.min(n - size, this.buf.length - this.pos);
      parts.push(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      size += take;
    }
    this.offset += size;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
  }

  /** Drops up to `n` bytes; returns how many went (fewer only at the end of the stream). */
  async skip(n: number): Promise<number> {
    let done = 0;
    while (done < n && (await this.fill())) {
      const take = Math.min(n - done, this.buf.length - this.pos);
      this.pos += take;
      done += take;
    }
    this.offset += done;
    return done;
  }

  /** The unread bytes, as a stream (for a decompressor). */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    while (await this.fill()) {
      const chunk = this.buf.subarray(this.pos);
      this.offset += chunk.length;
      this.pos = this.buf.length;
      yield chunk;
    }
  }

  /** Stops the source (a file stream is closed, a decompressor stops inflating). */
  async close(): Promise<void> {
    this.ended = true;
    await this.source.return?.();
  }
}

/** A reader over the gunzipped bytes of another (concatenated gzip members are read as one stream). */
export function gunzipReader(compressed: ByteReader): ByteReader {
  return new ByteReader(Readable.from(compressed).pipe(createGunzip()));
}

/**
 * Decodes an HTTP body by its Content-Encoding, holding at most `maxBytes` of output: a small body that inflates
 * past the limit stops there (a RangeError with code ERR_BUFFER_TOO_LARGE), never at the full size. Unknown
 * encodings give the bytes as they are.
 */
export async function decodeContent(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const name = encoding?.trim().toLowerCase();
  const make =
    name === 'gzip' || name === 'x-gzip'
      ? createGunzip
      : name === 'br'
        ? createBrotliDecompress
        : name === 'deflate'
          ? body[0] !== undefined && (body[0] & 0x0f) === 8
            ? createInflate
            : createInflateRaw
          : undefined;
  if (!make || !body.length) return body;
  const reader = new ByteReader(Readable.from([body]).pipe(make()));
  try {
    const out = await reader.read(maxBytes + 1);
    if (out.length > maxBytes) throw Object.assign(new RangeError(`decompressed body is over ${maxBytes} bytes`), { code: 'ERR_BUFFER_TOO_LARGE' });
    return out;
  } finally {
    await reader.close();
  }
}

/** Removes HTTP chunked transfer coding; a body that does not parse as chunks is given back as it is. */
export function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const nl = body.indexOf(10, pos);
    if (nl < 0) return body;
    const size = Number.parseInt(body.subarray(pos, nl).toString('latin1').split(';', 1)[0]!.trim(), 16);
    if (!Number.isSafeInteger(size) || size < 0) return body;
    if (size === 0) return Buffer.concat(parts);
    const start = nl + 1;
    if (start + size > body.length) return body;
    parts.push(body.subarray(start, start + size));
    pos = start + size;
    if (body[pos] === 13) pos++;
    if (body[pos] === 10) pos++;
  }
}
