/**
 * The inputs a queue job may carry besides a whole local file: a byte range of a WARC cut at record boundaries
 * (`splitWarc`), and an http(s) URL read with fetch (from a server started here; there is no network).
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, type InputItem, type InputSource } from '../src/input/index.js';
import { splitWarc } from '../src/input/split.js';
import { ROOT } from './cli-lib.js';
import { sampleCrawl, warcFiles } from './warc-lib.js';

const HTML = readFileSync(path.join(ROOT, 'samples/wordpress/post.html'), 'utf8');
const specs = sampleCrawl(40, HTML);
const files = warcFiles(specs);
const responseUrls = specs.filter((s) => s.type === 'response').map((s) => s.url);

let dir: string;
let server: Server;
let base: string;
/** Requests the server saw, with their Range header. */
const requests: { url: string; range?: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-split-'));
  writeFileSync(path.join(dir, 'crawl.warc'), files.plain);
  writeFileSync(path.join(dir, 'crawl.warc.gz'), files.perRecord);
  writeFileSync(path.join(dir, 'whole.warc.gz'), files.oneStream);
  const routes: Record<string, Buffer> = { '/crawl.warc.gz': files.perRecord, '/crawl.warc': files.plain, '/big.html': Buffer.from(HTML) };
  server = createServer((req, res) => {
    requests.push({ url: req.url!, range: req.headers.range });
    const body = routes[req.url!.replace(/^\/norange/, '')];
    if (!body) {
      res.writeHead(req.url === '/broken.warc' ? 503 : 404).end('no');
      return;
    }
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range && !req.url!.startsWith('/norange')) {
      const part = body.subarray(Number(range[1]), Number(range[2]) + 1);
      res.writeHead(206, { 'content-length': part.length, 'content-range': `bytes ${range[1]}-${range[2]}/${body.length}` }).end(part);
      return;
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function read(source: InputSource, maxBytes?: number): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs([source], { maxBytes })) items.push(item);
  return items;
}

describe('splitWarc', () => {
  for (const [label, file, how] of [
    ['a plain WARC', 'crawl.warc', 'records'],
    ['a WARC.gz with a gzip member per record', 'crawl.warc.gz', 'gzip-members'],
  ] as const) {
    it(`cuts ${label} into ranges that start at records: each HTML record is read from exactly one range`, async () => {
      const full = path.join(dir, file);
      const size = readFileSync(full).length;
      const split = await splitWarc(full, Math.floor(size / 5));
      expect(split.how).toBe(how);
      expect(split.ranges.length).toBeGreaterThanOrEqual(3);
      // The ranges cover the file, end to end.
      expect(split.ranges[0]!.start).toBe(0);
      expect(split.ranges.at(-1)!.end).toBe(size);
      for (let i = 1; i < split.ranges.length; i++) expect(split.ranges[i]!.start).toBe(split.ranges[i - 1]!.end);

      const ids: string[] = [];
      for (const range of split.ranges) {
        const items = await read({ path: full, name: 'crawl', range });
        expect(items.filter((i) => i.error).map((i) => i.error!.code)).toEqual([]);
        ids.push(...items.map((i) => i.page.id!));
      }
      expect(ids).toEqual(responseUrls);
      expect((await read({ path: full, name: 'crawl' })).map((i) => i.page.id)).toEqual(responseUrls);
    });
  }

  it('leaves a WARC.gz that is one gzip stream, and a file under the size, whole', async () => {
    const whole = path.join(dir, 'whole.warc.gz');
    expect(await splitWarc(whole, 1000)).toEqual({ ranges: [{ start: 0, end: files.oneStream.length }], how: 'one-gzip-stream' });
    const plain = path.join(dir, 'crawl.warc');
    expect(await splitWarc(plain, files.plain.length)).toEqual({ ranges: [{ start: 0, end: files.plain.length }], how: 'small' });
  });
});

describe('URL inputs', () => {
  it('streams a WARC.gz and a plain WARC over http, whole or by byte range, as from a file', async () => {
    expect((await read({ path: `${base}/crawl.warc.gz`, name: 'crawl' })).map((i) => i.page.id)).toEqual(responseUrls);
    const split = await splitWarc(path.join(dir, 'crawl.warc'), Math.floor(files.plain.length / 4));
    expect(split.ranges.length).toBeGreaterThanOrEqual(3);
    const ids: string[] = [];
    for (const range of split.ranges) ids.push(...(await read({ path: `${base}/crawl.warc`, name: 'crawl', range })).map((i) => i.page.id!));
    expect(ids).toEqual(responseUrls);
    expect(requests.filter((r) => r.url === '/crawl.warc').map((r) => r.range)).toEqual(
      split.ranges.map((r) => `bytes=${r.start}-${r.end - 1}`),
    );
  });

  it('gives the same coded errors and size limits as files: 404, other HTTP failures, a refused connection, a page over the limit', async () => {
    const only = async (source: InputSource, maxBytes?: number) => {
      const items = await read(source, maxBytes);
      expect(items).toHaveLength(1);
      return items[0]!.error;
    };
    expect(await only({ path: `${base}/missing.warc.gz`, name: 'm' })).toMatchObject({ code: 'INPUT_NOT_FOUND', message: expect.stringContaining('HTTP 404') });
    expect(await only({ path: `${base}/broken.warc`, name: 'b' })).toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining('HTTP 503') });
    // A server that ignores Range would give the whole file for every part: refused.
    expect(await only({ path: `${base}/norange/crawl.warc`, name: 'c', range: { start: 0, end: 100 } })).toMatchObject({ code: 'READ_FAILED' });
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    expect(await only({ path: `http://127.0.0.1:${port}/x.warc`, name: 'x' })).toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining('ECONNREFUSED') });
    expect(await only({ path: `${base}/big.html`, name: 'big' }, 1000)).toMatchObject({ code: 'TOO_LARGE' });
    const page = await read({ path: `${base}/big.html`, name: 'big' });
    expect(page[0]!.error).toBeUndefined();
    expect(Buffer.from(page[0]!.page.html as Uint8Array).toString()).toBe(HTML);
  });
});
