/**
 * WARC (and WARC.gz, gunzipped before it gets here): each response or resource record holding HTML becomes a
 * page. Every read is bounded: a header line, a header block, a page's bytes (the size limit, applied to the
 * decompressed body as well), and a skip stops at the end of the file. So a record that lies about its length, a
 * file cut inside a record, or a header that never ends gives one coded error item and the records before it;
 * nothing waits forever or grows without bound.
 *
 * Written here rather than taken from warcio: its record skip loops forever at the end of a file cut inside a
 * record, and its line reader has no limit (a 3 GB line is read whole). warcio stays a dev dependency: the tests
 * write their WARC files with its serialiser.
 */
import { ByteReader, LINE_TOO_LONG, dechunk, decodeContent } from './bytes.js';
import { DEFAULT_MAX_BYTES, overLimitError, sizeError } from '../limits.js';
import { safeName } from './jsonl.js';
import type { ErrorCode } from '../errors.js';
import type { InputItem } from './types.js';

const HTML_TYPE = /text\/html|application\/xhtml\+xml/i;
/** Longest header line read (WARC or HTTP); real ones are a few hundred bytes, long URLs a few KB. */
export const MAX_HEADER_LINE = 64 * 1024;
/** Largest header block (WARC or HTTP). */
export const MAX_HEADER_BYTES = 256 * 1024;
/** Bytes of stray lines read between records while looking for the next `WARC/` line. */
const MAX_RESYNC_BYTES = 1024 * 1024;

export interface WarcOptions {
  maxBytes?: number;
}

/** The file cannot be read past this point: an item is yielded and the file ends. */
class WarcStop extends Error {
  constructor(
    readonly code: 'INVALID_WARC' | 'WARC_TRUNCATED',
    message: string,
    readonly id?: string,
  ) {
    super(message);
  }
}

type Headers = Map<string, string>;

/** `label` names the file in error messages; `folder` is its output name. */
export async function* readWarc(reader: ByteReader, where: { label: string; folder: string }, options: WarcOptions = {}): AsyncGenerator<InputItem> {
  const { label, folder } = where;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let records = 0;
  let pages = 0;
  const failed = (code: ErrorCode, message: string, id = `${label}#${records + 1}`): InputItem => ({
    page: { id },
    name: `${folder}/${code.toLowerCase()}`,
    error: { code, message: `${label}: ${message}` },
  });
  try {
    for (let versionLine = await nextVersionLine(reader, true); versionLine; versionLine = await nextVersionLine(reader, false)) {
      const warc = await readHeaders(reader, MAX_HEADER_BYTES, 'WARC');
      const length = contentLength(warc);
      records++;
      const type = warc.get('warc-type');
      const url = unbracket(warc.get('warc-target-uri'));
      const id = url ?? warc.get('warc-record-id') ?? `${folder}#${records}`;
      let left = length;
      const drop = async () => {
        if ((await reader.skip(left)) < left) throw new WarcStop('WARC_TRUNCATED', `the file ends inside the record for ${id}`, id);
        left = 0;
      };
      if (type !== 'response' && type !== 'resource') {
        await drop();
        continue;
      }
      let http: { status: number; headers: Headers } | undefined;
      if (type === 'response') {
        const start = reader.offset;
        try {
          http = await readHttpHead(reader, Math.min(left, MAX_HEADER_BYTES), id);
        } catch (err) {
          // The record's length is known: a bad HTTP head costs this record, not the rest of the file.
          if (!(err instanceof WarcStop) || err.code !== 'INVALID_WARC') throw err;
          left -= reader.offset - start;
          await drop();
          yield failed(err.code, err.message, id);
          continue;
        }
        left -= reader.offset - start;
      }
      const contentType = type === 'response' ? http?.headers.get('content-type') : warc.get('content-type');
      const status = http?.status ?? 200;
      if (!contentType || !HTML_TYPE.test(contentType) || status < 200 || status >= 300) {
        await drop();
        continue;
      }
      pages++;
      const name = `${folder}/${String(pages).padStart(5, '0')}-${safeName(url ?? 'record').slice(0, 80)}`;
      const tooLarge = sizeError(left, maxBytes);
      if (tooLarge) {
        await drop();
        yield { page: { id, url }, name, error: tooLarge };
        continue;
      }
      let body = await reader.read(left);
      if (body.length < left) throw new WarcStop('WARC_TRUNCATED', `the file ends inside the record for ${id}`, id);
      left = 0;
      try {
        if (http?.headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) body = dechunk(body);
        body = await decodeContent(body, http?.headers.get('content-encoding'), maxBytes);
      } catch (err) {
        const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        yield {
          page: { id, url },
          name,
          error: tooBig
            ? overLimitError(`${label}: the record for ${id}, decompressed,`, maxBytes)
            : { code: 'INVALID_WARC', message: `${label}: the record for ${id} does not decompress: ${(err as Error).message}` },
        };
        continue;
      }
      yield { page: { id, url, html: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType }, name };
    }
    if (records === 0) yield failed('INVALID_WARC', 'not a WARC file: no WARC/ record found');
    else if (pages === 0) yield failed('NO_PAGES', `no HTML response records among ${records} record(s)`);
  } catch (err) {
    if (err instanceof WarcStop) {
      yield failed(err.code, err.message, err.id);
      return;
    }
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') yield failed('WARC_TRUNCATED', `the gzip stream ends early, after ${pages} HTML record(s)`);
    else if (code?.startsWith('Z_')) yield failed('INVALID_WARC', `not valid gzip after ${pages} HTML record(s): ${(err as Error).message}`);
    else throw err;
  }
}

/**
 * The next record's `WARC/x.y` line, past the blank lines that end the previous record; null at the end of the
 * file. Stray lines (a record whose Content-Length was short) are skipped up to MAX_RESYNC_BYTES.
 */
async function nextVersionLine(reader: ByteReader, first: boolean): Promise<string | null> {
  let stray = 0;
  for (;;) {
    const line = await reader.readLine(MAX_HEADER_LINE, false);
    if (line === null) return null;
    if (line === LINE_TOO_LONG) throw new WarcStop('INVALID_WARC', `a line of over ${MAX_HEADER_LINE} bytes where a record should start`);
    const text = line.toString('latin1').trim();
    if (!text) continue;
    if (text.startsWith('WARC/')) return text;
    if (first) throw new WarcStop('INVALID_WARC', 'not a WARC file: it does not start with a WARC/ line');
    stray += line.length;
    if (stray > MAX_RESYNC_BYTES) throw new WarcStop('INVALID_WARC', `no record starts within ${MAX_RESYNC_BYTES} bytes after a record`);
  }
}

/** Header lines up to a blank line (`Name: value`, continuation lines folded in), bounded in line and block size. */
async function readHeaders(reader: ByteReader, budget: number, what: string, id?: string): Promise<Headers> {
  const headers: Headers = new Map();
  let last: string | undefined;
  let used = 0;
  for (;;) {
    const line = await reader.readLine(Math.min(MAX_HEADER_LINE, budget - used), false);
    if (line === null) throw new WarcStop('WARC_TRUNCATED', `the file ends inside ${what} headers${id ? ` of ${id}` : ''}`, id);
    if (line === LINE_TOO_LONG) {
      const where = budget - used < MAX_HEADER_LINE ? 'run past the record' : `have a line of over ${MAX_HEADER_LINE} bytes`;
      throw new WarcStop('INVALID_WARC', `${what} headers${id ? ` of ${id}` : ''} ${where}`, id);
    }
    used += line.length;
    const text = line.toString('utf8').replace(/\r?\n$/, '');
    if (!text) return headers;
    if (/^[ \t]/.test(text) && last) {
      headers.set(last, `${headers.get(last)} ${text.trim()}`);
      continue;
    }
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    last = text.slice(0, colon).trim().toLowerCase();
    headers.set(last, text.slice(colon + 1).trim());
  }
}

/** The record's Content-Length: a whole number of bytes, else the file cannot be read on. */
function contentLength(headers: Headers): number {
  const raw = headers.get('content-length');
  const n = raw !== undefined && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n)) throw new WarcStop('INVALID_WARC', `a record declares Content-Length ${JSON.stringify(raw ?? null).slice(0, 40)}, not a byte count`);
  return n;
}

/** The HTTP status line and headers at the start of a response record, within `budget` bytes. */
async function readHttpHead(reader: ByteReader, budget: number, id: string): Promise<{ status: number; headers: Headers }> {
  const line = await reader.readLine(Math.min(MAX_HEADER_LINE, budget), false);
  if (line === null) throw new WarcStop('WARC_TRUNCATED', `the file ends inside the record for ${id}`, id);
  if (line === LINE_TOO_LONG) throw new WarcStop('INVALID_WARC', `the HTTP status line of ${id} runs past its limit`, id);
  const status = Number(/^HTTP\/[\d.]+\s+(\d{3})/i.exec(line.toString('latin1'))?.[1] ?? NaN);
  const headers = await readHeaders(reader, budget - line.length, 'HTTP', id);
  return { status: Number.isFinite(status) ? status : 0, headers };
}

function unbracket(uri: string | undefined): string | undefined {
  return uri?.startsWith('<') && uri.endsWith('>') ? uri.slice(1, -1) : uri;
}
