/**
 * Cutting a large WARC file into byte ranges that each start at a record, so that every range reads as a WARC of
 * its own and every record falls in exactly one range: a plain WARC by walking its record headers (each gives the
 * next record's offset), a WARC.gz by finding the gzip members that start a record (the usual WARC.gz has one
 * member per record). A file the cuts cannot be found in stays one range.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { isGzip } from './sniff.js';
import type { ByteRange } from './types.js';
import { MAX_HEADER_BYTES } from './warc.js';

/** What a first read of a record's headers takes; the rest (up to MAX_HEADER_BYTES) only when they are longer. */
const HEAD_READ = 4096;
/** How much of a gzip member is inflated to see whether it starts a WARC record. */
const MEMBER_PROBE = 16 * 1024;
const SCAN_BLOCK = 1024 * 1024;
const WARC_LINE = /^WARC\/\d/;

export interface SplitResult {
  ranges: ByteRange[];
  /** How the cuts were found: 'records' (plain WARC), 'gzip-members' (WARC.gz, a member per record), or why none were. */
  how: 'records' | 'gzip-members' | 'small' | 'one-gzip-stream' | 'not-warc';
}

/**
 * Ranges of at least `size` bytes (the last may be shorter), each starting where a record does. Only the
 * headers are read (a plain WARC) or the gzip member starts looked for near each cut (a WARC.gz), not the whole file.
 */
export async function splitWarc(file: string, size: number): Promise<SplitResult> {
  const handle = await open(file, 'r');
  try {
    const total = (await handle.stat()).size;
    if (total <= size) return { ranges: [{ start: 0, end: total }], how: 'small' };
    const head = await readAt(handle, 0, 6);
    const gzip = isGzip(head);
    if (!gzip && !WARC_LINE.test(head.toString('latin1'))) return { ranges: [{ start: 0, end: total }], how: 'not-warc' };
    const cuts = gzip ? await memberCuts(handle, total, size) : await recordCuts(handle, total, size);
    const bounds = [0, ...cuts, total];
    const ranges = bounds.slice(1).map((end, i) => ({ start: bounds[i]!, end }));
    return { ranges, how: gzip ? (cuts.length ? 'gzip-members' : 'one-gzip-stream') : 'records' };
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * A plain WARC: from record to record by each one's Content-Length, cutting at the first record that starts at
 * least `size` bytes after the last cut. A record that does not parse stops the cutting: the rest of the file is
 * the last range, and its reader reports the damage as it would for the whole file.
 */
async function recordCuts(handle: FileHandle, total: number, size: number): Promise<number[]> {
  const cuts: number[] = [];
  let next = size;
  let pos = 0;
  while (pos < total) {
    let buf = await readAt(handle, pos, HEAD_READ);
    let skip = 0;
    while (skip < buf.length && (buf[skip] === 0x0d || buf[skip] === 0x0a)) skip++;
    if (skip === buf.length) {
      // Blank lines only: the end of the file, or a long run of them.
      if (buf.length < HEAD_READ) break;
      pos += skip;
      continue;
    }
    const start = pos + skip;
    let end = headerEnd(buf, skip);
    if (end < 0 && buf.length === HEAD_READ) {
      buf = await readAt(handle, start, MAX_HEADER_BYTES);
      const at = headerEnd(buf, 0);
      end = at < 0 ? -1 : at + skip;
      if (end >= 0) buf = await readAt(handle, pos, end);
    }
    if (end < 0 || !WARC_LINE.test(buf.subarray(skip, skip + 6).toString('latin1'))) break;
    const length = /\r?\ncontent-length:[ \t]*(\d{1,16})[ \t]*\r?\n/i.exec(buf.subarray(skip, end).toString('latin1'))?.[1];
    if (length === undefined || !Number.isSafeInteger(Number(length))) break;
    if (start >= next) {
      cuts.push(start);
      next = start + size;
    }
    pos += end + Number(length);
  }
  return cuts;
}

/** Where the header block that starts at `from` ends (after its blank line), or -1 when it is not all in `buf`. */
function headerEnd(buf: Buffer, from: number): number {
  const crlf = buf.indexOf('\r\n\r\n', from);
  const lf = buf.indexOf('\n\n', from);
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  return lf >= 0 && lf < crlf ? lf + 2 : crlf + 4;
}

/**
 * A WARC.gz: the first gzip member starting at or after each cut point whose first bytes inflate to a `WARC/`
 * line. Everything between members is deflate data, so a stray 1f 8b 08 there would also have to inflate to a
 * WARC record's first line to be taken: that does not happen by chance. A file that is one gzip stream has no
 * such member past its start: it stays whole.
 */
async function memberCuts(handle: FileHandle, total: number, size: number): Promise<number[]> {
  const cuts: number[] = [];
  let from = size;
  while (from < total) {
    const at = await nextMember(handle, from, total);
    if (at === undefined) break;
    cuts.push(at);
    from = at + size;
  }
  return cuts;
}

async function nextMember(handle: FileHandle, from: number, total: number): Promise<number | undefined> {
  for (let block = from; block < total; block += SCAN_BLOCK) {
    // Two bytes of overlap, for a magic number across the blocks' edge.
    const buf = await readAt(handle, block, SCAN_BLOCK + 2);
    for (let i = buf.indexOf(0x1f); i >= 0 && i + 2 < buf.length; i = buf.indexOf(0x1f, i + 1)) {
      if (buf[i + 1] !== 0x8b || buf[i + 2] !== 0x08) continue;
      if (await startsRecord(handle, block + i)) return block + i;
    }
  }
  return undefined;
}

async function startsRecord(handle: FileHandle, at: number): Promise<boolean> {
  const probe = await readAt(handle, at, MEMBER_PROBE);
  try {
    // A sync flush at the end: what the probe's bytes inflate to, without needing the member's end.
    const text = gunzipSync(probe, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 8).toString('latin1');
    return WARC_LINE.test(text);
  } catch {
    return false;
  }
}
