/**
 * WARC and WARC.gz: each response (or resource) record holding HTML becomes a page. A file cut short
 * yields the records read before the cut, then one WARC_TRUNCATED error item.
 */
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { DEFAULT_MAX_BYTES, sizeError } from './records.js';
import { safeName } from './jsonl.js';
import type { ErrorCode } from '../errors.js';
import type { InputItem } from './types.js';

const HTML_TYPE = /text\/html|application\/xhtml\+xml/i;

export interface WarcOptions {
  maxBytes?: number;
}

/** `label` names the file in error messages; `folder` is its output name. */
export async function* readWarc(
  source: AsyncIterable<Uint8Array>,
  where: { label: string; folder: string; head: Uint8Array },
  options: WarcOptions = {},
): AsyncGenerator<InputItem> {
  const { label, folder, head } = where;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // We gunzip ourselves: warcio stops quietly at a cut gzip member, zlib reports it.
  const raw = head[0] === 0x1f && head[1] === 0x8b ? Readable.from(source).pipe(createGunzip()) : Readable.from(source);
  const parser = new WARCParser(raw);
  let count = 0;
  const failed = (code: ErrorCode, message: string, id = `${label}#${count + 1}`): InputItem => ({
    page: { id },
    name: `${folder}/${code.toLowerCase()}`,
    error: { code, message: `${label}: ${message}` },
  });
  try {
    for await (const record of parser) {
      if (record.warcType !== 'response' && record.warcType !== 'resource') continue;
      const contentType =
        record.warcType === 'response'
          ? (record.httpHeaders?.headers.get('content-type') ?? undefined)
          : (record.warcContentType ?? undefined);
      const status = Number(record.httpHeaders?.statusCode ?? 200);
      if (!contentType || !HTML_TYPE.test(contentType) || status < 200 || status >= 300) continue;
      count++;
      const url = record.warcTargetURI ?? undefined;
      const id = url ?? record.warcHeader('WARC-Record-ID') ?? `${folder}#${count}`;
      const name = `${folder}/${String(count).padStart(5, '0')}-${safeName(url ?? 'record').slice(0, 80)}`;
      const tooLarge = sizeError(record.warcContentLength, maxBytes);
      if (tooLarge) {
        await record.skipFully();
        yield { page: { id, url }, name, error: tooLarge };
        continue;
      }
      const html = await record.readFully(true);
      if (unreadBytes(record) > 0) {
        yield failed('WARC_TRUNCATED', `the file ends inside the record for ${id}`, id);
        return;
      }
      yield { page: { id, url, html, contentType }, name };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') {
      yield failed('WARC_TRUNCATED', `the gzip stream ends early, after ${count} HTML record(s)`);
    } else if (code?.startsWith('Z_')) {
      yield failed('INVALID_WARC', `not valid gzip after ${count} HTML record(s): ${(err as Error).message}`);
    } else {
      yield failed('INVALID_WARC', `unreadable after ${count} HTML record(s): ${(err as Error).message}`);
    }
  }
}

/** Bytes of the record's declared length its reader never got: above 0 when the file stops inside it. */
function unreadBytes(record: WARCRecord): number {
  const reader = record._reader;
  return reader instanceof LimitReader ? reader.limit : 0;
}
