/** WARC files written by hand for the split and URL tests: plain, gzipped per record, or as one gzip stream. */
import { gzipSync } from 'node:zlib';

export interface WarcRecordSpec {
  type: 'warcinfo' | 'request' | 'response' | 'metadata';
  url: string;
  /** The HTTP body of a response. */
  body?: string;
}

export function warcRecord(spec: WarcRecordSpec, n: number): Buffer {
  const block =
    spec.type === 'response'
      ? Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${spec.body ?? ''}`)
      : spec.type === 'request'
        ? Buffer.from(`GET ${new URL(spec.url).pathname} HTTP/1.1\r\nHost: ${new URL(spec.url).host}\r\n\r\n`)
        : Buffer.from(`software: declutter tests\r\nnote: ${spec.body ?? ''}\r\n`);
  const contentType =
    spec.type === 'response' ? 'application/http; msgtype=response' : spec.type === 'request' ? 'application/http; msgtype=request' : 'application/warc-fields';
  const head =
    `WARC/1.0\r\nWARC-Type: ${spec.type}\r\nWARC-Target-URI: ${spec.url}\r\n` +
    `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}>\r\n` +
    `WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Type: ${contentType}\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]);
}

/** Plain bytes, a gzip member per record (as crawlers write WARC.gz), and one gzip stream over all of it. */
export function warcFiles(specs: WarcRecordSpec[]): { plain: Buffer; perRecord: Buffer; oneStream: Buffer } {
  const records = specs.map((spec, i) => warcRecord(spec, i));
  const plain = Buffer.concat(records);
  return { plain, perRecord: Buffer.concat(records.map((r) => gzipSync(r))), oneStream: gzipSync(plain) };
}

/**
 * A crawl-like mix: a warcinfo record, then request + response pairs with a metadata record now and then. Some
 * bodies hold what a careless splitter would take for a record start (a `WARC/1.0` line, gzip's magic bytes).
 */
export function sampleCrawl(count: number, html: string): WarcRecordSpec[] {
  const specs: WarcRecordSpec[] = [{ type: 'warcinfo', url: 'urn:warcinfo', body: 'crawl' }];
  for (let i = 0; i < count; i++) {
    const url = `https://news.example/story-${String(i).padStart(3, '0')}`;
    const trap = i % 4 === 1 ? '\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\n\x1f\x8b\x08\x00' : '';
    const body = `<html><head><title>Story ${i}</title></head><body><article><h1>Story ${i}</h1>${'<p>A paragraph of the story, long enough to be kept as the article body by the cleaner.</p>'.repeat(1 + (i % 7))}${trap}</article></body></html>`;
    specs.push({ type: 'request', url });
    specs.push({ type: 'response', url, body: i % 5 === 0 ? html : body });
    if (i % 6 === 0) specs.push({ type: 'metadata', url, body: `outlinks ${i}` });
  }
  return specs;
}
