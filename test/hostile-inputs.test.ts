/**
 * Hostile inputs, one case per way a file can lie: WARC records cut short or declaring impossible lengths, lines
 * that never end (in WARC headers, HTTP headers, JSONL), compressed bodies that inflate past the limit, files
 * that are not files, folders that loop, rule regexes that never finish. Each ends with one coded record per input
 * (and the records before it), with bounded memory and without reading more than it needs. Big inputs are made
 * on the fly: generators count the bytes they give, so a "3 GB" line costs what the reader takes of it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, resolveInputs, type InputItem } from '../src/input/index.js';
import { createCleaner } from '../src/clean.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist/cli/main.js');
const MB = 1024 * 1024;
let dir: string;

const story = (n: number) =>
  `<!DOCTYPE html><html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>` +
  `${Array.from({ length: 5 }, (_, i) => `<p>Story ${n} paragraph ${i} has plain sentences enough to be an article paragraph.</p>`).join('')}</article></body></html>`;

async function warcRecord(url: string, body: Uint8Array | string, httpHeaders: Record<string, string> = { 'Content-Type': 'text/html' }): Promise<Buffer> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const record = WARCRecord.create(
    { url, type: 'response', statusline: 'HTTP/1.1 200 OK', httpHeaders },
    (async function* () {
      yield bytes;
    })(),
  );
  return Buffer.from(await WARCSerializer.serialize(record, { gzip: false }));
}

/** A source that gives `head`, then `filler` repeated up to `total` bytes, counting what was taken. */
function counted(head: string, filler: Buffer, total: number, tail = '') {
  const source = {
    given: 0,
    async *[Symbol.asyncIterator]() {
      const first = Buffer.from(head);
      source.given += first.length;
      yield first;
      for (let sent = 0; sent < total; sent += filler.length) {
        source.given += filler.length;
        yield filler;
      }
      if (tail) yield Buffer.from(tail);
    },
  };
  return source;
}

async function readAll(items: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const fromStdin = (stdin: AsyncIterable<Uint8Array> | Uint8Array[], maxBytes = 20 * MB) => {
  const source = Array.isArray(stdin) ? (async function* () { yield* stdin; })() : stdin;
  return readAll(readInputs([{ path: '-', name: 'stdin' }], { stdin: source, maxBytes }));
};
const summary = (items: InputItem[]) => items.map((i) => i.error?.code ?? `ok:${i.page.id}`);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-hostile-inputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WARC records that lie', () => {
  it('a file that ends inside a record larger than the size limit: the records before it, then WARC_TRUNCATED', async () => {
    const good = await warcRecord('https://example.com/1', story(1));
    const header = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/big\r\nContent-Length: ${30 * MB}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n`;
    const file = path.join(dir, 'cut-big.warc');
    writeFileSync(file, Buffer.concat([good, Buffer.from(header), Buffer.alloc(MB, 0x61)]));
    const items = await readAll(readInputs([{ path: file, name: 'cut-big' }]));
    expect(summary(items)).toEqual(['ok:https://example.com/1', 'WARC_TRUNCATED']);
    expect(items[1]!.page.id).toBe('https://example.com/big');
  });

  it.each(['1e309', '-5', '12abc', '99999999999999999999'])('Content-Length: %s is INVALID_WARC after the good records', async (length) => {
    const good = await warcRecord('https://example.com/1', story(1));
    const bad = `WARC/1.0\r\nWARC-Type: response\r\nContent-Length: ${length}\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>`;
    const items = await fromStdin([good, Buffer.from(bad)]);
    expect(summary(items)).toEqual(['ok:https://example.com/1', 'INVALID_WARC']);
  });

  it('a WARC header line that never ends: INVALID_WARC, and the reader stops reading', async () => {
    const source = counted('WARC/1.0\r\nWARC-Type: response\r\nX-Long: ', Buffer.alloc(MB, 0x61), 3000 * MB);
    const items = await fromStdin(source);
    expect(summary(items)).toEqual(['INVALID_WARC']);
    expect(source.given).toBeLessThan(4 * MB);
  });

  it('an HTTP header line that never ends costs its record, not the file', async () => {
    const long = 'a'.repeat(200 * 1024);
    const bad = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/bad\r\nContent-Length: ${long.length + 40}\r\n\r\nHTTP/1.1 200 OK\r\nX: ${long}`;
    const padded = Buffer.concat([Buffer.from(bad), Buffer.alloc(long.length + 40 - (Buffer.byteLength(bad) - bad.indexOf('HTTP/1.1')), 0x61), Buffer.from('\r\n\r\n')]);
    const good = await warcRecord('https://example.com/2', story(2));
    const items = await fromStdin([padded, good]);
    expect(summary(items)).toEqual(['INVALID_WARC', 'ok:https://example.com/2']);
  });

  it('an under-declared record followed by one endless line: the page, then INVALID_WARC, reading stops', async () => {
    const html = story(3);
    const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/3\r\nContent-Length: ${Buffer.byteLength(html) + 43}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`;
    const source = counted(head, Buffer.alloc(MB, 0x62), 3000 * MB);
    const items = await fromStdin(source);
    expect(summary(items)).toEqual(['ok:https://example.com/3', 'INVALID_WARC']);
    expect(source.given).toBeLessThan(4 * MB);
  });

  it('a .warc.gz that inflates to one 100 MB header line: INVALID_WARC with bounded memory', async () => {
    const file = path.join(dir, 'line.warc.gz');
    writeFileSync(file, gzipSync(Buffer.concat([Buffer.from('WARC/1.0\r\nWARC-Target-URI: '), Buffer.alloc(100 * MB, 0x61)]), { level: 1 }));
    global.gc?.();
    const before = process.memoryUsage().rss;
    const items = await readAll(readInputs([{ path: file, name: 'line' }]));
    expect(summary(items)).toEqual(['INVALID_WARC']);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it('a gzip-encoded record body is held to the size limit after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(60 * MB, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(MB);
    const record = await warcRecord('https://example.com/bomb', bomb, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' });
    const small = await warcRecord('https://example.com/zipped', gzipSync(story(4)), { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' });
    const items = await fromStdin([record, small], 2 * MB);
    expect(summary(items)).toEqual(['TOO_LARGE', 'ok:https://example.com/zipped']);
    expect(Buffer.from(items[1]!.page.html as Uint8Array).toString()).toContain('Story 4 paragraph 4');
  });

  it('a file named .warc that is not one, and a WARC without HTML pages, each give one coded record', async () => {
    const notWarc = path.join(dir, 'fake.warc');
    writeFileSync(notWarc, '<html><body><p>not a warc</p></body></html>');
    const info = path.join(dir, 'info.warc');
    writeFileSync(info, 'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n');
    const items = await readAll(readInputs([notWarc, info].map((p) => ({ path: p, name: path.basename(p) }))));
    expect(summary(items)).toEqual(['INVALID_WARC', 'NO_PAGES']);
  });
});

describe('JSONL and compressed inputs', () => {
  it('a line over the limit is one TOO_LARGE record, not held, and the lines after it are read', async () => {
    const source = counted('{"id":"huge","html":"', Buffer.alloc(MB, 0x61), 600 * MB, `"}\n${JSON.stringify({ id: 'after', html: story(5) })}\n`);
    global.gc?.();
    const before = process.memoryUsage().rss;
    const items = await fromStdin(source, MB);
    expect(summary(items)).toEqual(['TOO_LARGE', 'ok:after']);
    expect(items[0]!.error!.message).toMatch(/^line 1: over the/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it('a UTF-8 BOM does not spoil the first JSONL line; an empty JSONL file is NO_PAGES', async () => {
    const items = await fromStdin([Buffer.from(`\uFEFF${JSON.stringify({ id: 'first', html: story(6) })}\n`)]);
    expect(summary(items)).toEqual(['ok:first']);
    const empty = path.join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(summary(await readAll(readInputs([{ path: empty, name: 'empty' }])))).toEqual(['NO_PAGES']);
  });

  it('gzip is read under any name, held to the limit after decompression, and a broken one is coded', async () => {
    const put = (name: string, data: Buffer) => {
      writeFileSync(path.join(dir, name), data);
      return { path: path.join(dir, name), name };
    };
    const sources = [
      put('page.html.gz', gzipSync(story(7))),
      put('page-no-extension', gzipSync(story(8))),
      put('pages.jsonl.gz', gzipSync(`${JSON.stringify({ id: 'j1', html: story(9) })}\n`)),
      put('bomb.html.gz', gzipSync(Buffer.alloc(50 * MB, 0x20), { level: 9 })),
      put('cut.html.gz', gzipSync(story(10)).subarray(0, 30)),
    ];
    const items = await readAll(readInputs(sources, { maxBytes: 2 * MB }));
    expect(summary(items)).toEqual([`ok:${sources[0]!.path}`, `ok:${sources[1]!.path}`, 'ok:j1', 'TOO_LARGE', 'GZIP_TRUNCATED']);
    expect(items[3]!.error!.message).toMatch(/decompressed/);
  });
});

describe('files that are not files, folders that loop', () => {
  it('/dev/zero and a FIFO are NOT_A_FILE, read not at all', async () => {
    const fifo = path.join(dir, 'pipe.html');
    execFileSync('mkfifo', [fifo]);
    const items = await readAll(readInputs([{ path: '/dev/zero', name: 'zero' }, { path: fifo, name: 'pipe' }]));
    expect(summary(items)).toEqual(['NOT_A_FILE', 'NOT_A_FILE']);
  });

  it('a folder with link loops is walked once per real folder, each page once', async () => {
    const root = path.join(dir, 'loops');
    mkdirSync(path.join(root, 'a/b'), { recursive: true });
    writeFileSync(path.join(root, 'a/one.html'), story(1));
    writeFileSync(path.join(root, 'a/b/two.html'), story(2));
    symlinkSync('..', path.join(root, 'a/b/up'));
    symlinkSync('.', path.join(root, 'a/self'));
    symlinkSync('loop2', path.join(root, 'loop1'));
    symlinkSync('loop1', path.join(root, 'loop2'));
    const sources = await resolveInputs([root]);
    expect(sources.map((s) => path.relative(root, s.path))).toEqual(['a/b/two.html', 'a/one.html']);
  });

  it('an empty folder is an error, not a silent success', async () => {
    const empty = path.join(dir, 'nothing-here');
    mkdirSync(empty);
    await expect(resolveInputs([empty])).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });
});

describe('rule regexes are checked at load', () => {
  const rulesDir = (name: string, phrase: string) => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'x.yaml'), `id: test-${name}\nkind: generic\nremove:\n  - category: promo\n    phrases:\n      - '${phrase}'\n`);
    return d;
  };

  it.each([
    ['broken', '/(unclosed/', /does not compile/],
    ['backtracking', '/^(\\w+\\s?)*$/', /nests an unbounded quantifier/],
  ])('a %s regex stops the run with exit 2 and names file, line and field', (name, phrase, why) => {
    const page = path.join(dir, `${name}.html`);
    writeFileSync(page, story(1));
    const r = spawnSync(process.execPath, [BIN, 'clean', page, '--rules', rulesDir(name, phrase), '--workers', '0'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toMatch(/x\.yaml:6 \(field remove\.0\.phrases\.0\)/);
    expect(r.stdout).toBe('');
  });

  it('a FIFO named like a rule file is not read', () => {
    const d = path.join(dir, 'fifo-rules');
    mkdirSync(d);
    execFileSync('mkfifo', [path.join(d, 'trap.yaml')]);
    expect(() => createCleaner({ rulesDirs: [d] })).not.toThrow();
  });
});

describe('small pages with deep structure', () => {
  it.each([
    ['unclosed <svg>', `<p>Lead paragraph of the page.</p>${'<svg>'.repeat(40_000)}`],
    ['nested <i>', `<p>Lead paragraph of the page.</p>${'<i>'.repeat(20_000)}deep`],
    ['nested <section>', `${'<section>'.repeat(20_000)}deep`],
    ['unclosed comments', `<p>Lead paragraph of the page.</p>${'<!--'.repeat(80_000)}`],
    ['unclosed scripts', `<p>Lead paragraph of the page.</p>${'<script>'.repeat(25_000)}`],
  ])('%s: cleaned, with the bound named in the warnings', async (_name, body) => {
    const cleaner = createCleaner({ dom: 'linkedom' });
    const r = await cleaner.clean({ id: 'deep', html: `<html><body>${body}</body></html>` });
    expect(r.error).toBeUndefined();
    if (!body.includes('<!--')) expect(r.warnings.join(' ')).toMatch(/tags dropped before parsing/);
  });
});
