/**
 * A hostile batch: truncated HTML, binary bytes, a 50 MB page, 100,000 nested divs, invalid JSONL lines and
 * a truncated WARC.gz. Every input gives exactly one record (a WARC or JSONL file one per page in it, plus
 * one for the cut), failures carry a code, and nothing crashes. Inputs are generated here, not committed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanStream } from '../dist/index.js';
import type { CleanResult } from '../src/types.js';
import { ROOT, runCli } from './cli-lib.js';

const REAL_PAGE = readFileSync(path.join(ROOT, 'samples/wordpress/post.html'), 'utf8');

let dir: string;
const files: Record<string, string> = {};

const story = (n: number) =>
  `<!DOCTYPE html><html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>` +
  `${Array.from({ length: 5 }, (_, i) => `<p>Story ${n} paragraph ${i} has plain sentences enough to be an article paragraph.</p>`).join('')}</article></body></html>`;

async function warcGz(pages: { url: string; html: string }[]): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const p of pages) {
    const record = WARCRecord.create(
      { url: p.url, type: 'response', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      (async function* () {
        yield new TextEncoder().encode(p.html);
      })(),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  return Buffer.concat(parts);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-hostile-'));
  const put = (name: string, data: string | Buffer) => {
    files[name] = path.join(dir, name);
    writeFileSync(files[name]!, data);
  };
  put('truncated.html', REAL_PAGE.slice(0, Math.floor(REAL_PAGE.length * 0.6)));
  const noise = Buffer.alloc(64 * 1024);
  let x = 2463534242;
  for (let i = 0; i < noise.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x & 0xff;
  }
  put('binary.bin', noise);
  // 50 MB, written in pieces so the test itself stays light.
  files['huge.html'] = path.join(dir, 'huge.html');
  const fd = openSync(files['huge.html'], 'w');
  writeSync(fd, '<!DOCTYPE html><html><head><title>Huge</title></head><body><article>');
  const para = `<p>${'A long paragraph that repeats. '.repeat(30)}</p>\n`;
  const chunk = para.repeat(Math.ceil((1024 * 1024) / para.length));
  for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  writeSync(fd, '</article></body></html>');
  closeSync(fd);
  put('nested.html', `<html><body>${'<div>'.repeat(100_000)}<p>deep text</p>${'</div>'.repeat(100_000)}</body></html>`);
  put(
    'pages.jsonl',
    [
      JSON.stringify({ id: 'ok-1', html: story(1) }),
      '{"id": "cut-off", "html": "<p>never clos',
      'not json at all',
      JSON.stringify(['an', 'array']),
      JSON.stringify({ id: 'no-body', url: 'https://example.com/x' }),
      JSON.stringify({ id: 'ok-2', html: story(2) }),
    ].join('\n'),
  );
  const warc = await warcGz([1, 2, 3].map((n) => ({ url: `https://example.com/${n}`, html: story(n) })));
  put('cut.warc.gz', warc.subarray(0, warc.length - 200));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a hostile batch', () => {
  it('gives one coded record per input through the CLI with workers, and does not crash', async () => {
    const order = ['truncated.html', 'binary.bin', 'huge.html', 'nested.html', 'pages.jsonl', 'cut.warc.gz'];
    const r = await runCli(['clean', ...order.map((n) => files[n]!), '--workers', '2', '--timeout', '10', '--summary']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const records = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as CleanResult);
    expect(records.map((x) => x.id)).toEqual([
      files['truncated.html'],
      files['binary.bin'],
      files['huge.html'],
      files['nested.html'],
      'ok-1',
      '2',
      '3',
      '4',
      'no-body',
      'ok-2',
      'https://example.com/1',
      'https://example.com/2',
      `${files['cut.warc.gz']}#3`,
    ]);
    const byId = new Map(records.map((x) => [x.id, x]));
    const truncated = byId.get(files['truncated.html'])!;
    expect(truncated.error).toBeUndefined();
    expect(truncated.text.length).toBeGreaterThan(100);
    expect(byId.get(files['binary.bin'])!.error?.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(byId.get(files['huge.html'])!.error?.code).toBe('TOO_LARGE');
    // The deep page either cleans or runs out of time; either way it is one record and the batch goes on.
    const nested = byId.get(files['nested.html'])!;
    if (nested.error) expect(nested.error.code).toMatch(/^[A-Z][A-Z_]+$/);
    for (const id of ['2', '3', '4', 'no-body']) expect(byId.get(id)!.error?.code).toBe('INVALID_JSONL');
    expect(byId.get('2')!.error?.message).toMatch(/^line 2:/);
    for (const id of ['ok-1', 'ok-2', 'https://example.com/1', 'https://example.com/2']) {
      expect(byId.get(id)!.error).toBeUndefined();
      expect(byId.get(id)!.text).toMatch(/paragraph 4/);
    }
    expect(byId.get(`${files['cut.warc.gz']}#3`)!.error?.code).toBe('WARC_TRUNCATED');
    for (const x of records) {
      if (!x.error) continue;
      expect(x.text).toBe('');
      expect(x.error.message.length).toBeGreaterThan(0);
    }
    expect(r.stderr).toMatch(/failed\s+\d+: /);
  }, 120_000);

  it('gives one record per page through cleanStream with workers: oversized and hostile pages in memory', async () => {
    const pages = [
      { id: 'huge', html: readFileSync(files['huge.html']!, 'utf8') },
      { id: 'binary', html: new Uint8Array(readFileSync(files['binary.bin']!)) },
      { id: 'truncated', html: readFileSync(files['truncated.html']!, 'utf8') },
      { id: 'nested', html: readFileSync(files['nested.html']!, 'utf8') },
      { id: 'fine', html: story(9) },
    ];
    const out: CleanResult[] = [];
    for await (const r of Readable.from(pages).pipe(cleanStream({ workers: 2, timeoutMs: 10_000 }))) out.push(r as CleanResult);
    expect(out.map((r) => r.id)).toEqual(['huge', 'binary', 'truncated', 'nested', 'fine']);
    expect(out[0]!.error?.code).toBe('TOO_LARGE');
    expect(out[1]!.error?.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(out[2]!.error).toBeUndefined();
    expect(out[4]!.error).toBeUndefined();
    expect(out[4]!.text).toContain('Story 9 paragraph 4');
  }, 120_000);
});
