/** The `declutter` binary, spawned as a user would run it (node dist/cli/main.js, built by `npm test`). */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanResult } from '../src/types.js';
import { ROOT, runCli } from './cli-lib.js';

const SEED = path.join(ROOT, 'samples/002_8308df305baf94dd.txt');
const SEED_COMMENTS = path.join(ROOT, 'samples/000_41006abdadce247a.txt');
const WORDPRESS = path.join(ROOT, 'samples/wordpress/post.html');

const run = runCli;

const jsonl = (s: string): CleanResult[] =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CleanResult);

const page = (title: string, words: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>` +
  `<article><h1>${title}</h1>${Array.from({ length: 5 }, (_, i) => `<p>${words} Paragraph ${i + 1} goes on with enough plain words to read as a real article paragraph in a story.</p>`).join('')}</article>` +
  `<footer><p>© The Example Times</p></footer></body></html>`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-cli-'));
  mkdirSync(path.join(dir, 'site/world'), { recursive: true });
  writeFileSync(path.join(dir, 'site/index.html'), page('Front page story', 'Front.'));
  writeFileSync(path.join(dir, 'site/world/kenya.html'), page('Rains return to Kenya', 'Kenya.'));
  writeFileSync(path.join(dir, 'site/notes.txt'), readFileSync(SEED, 'utf8'));
  writeFileSync(path.join(dir, 'site/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('declutter clean: inputs and outputs', () => {
  it('cleans files given by name to JSONL on stdout, one record per input, in order', async () => {
    const r = await run(['clean', SEED_COMMENTS, WORDPRESS, SEED]);
    expect(r.code).toBe(0);
    const records = jsonl(r.stdout);
    expect(records.map((x) => x.id)).toEqual([SEED_COMMENTS, WORDPRESS, SEED]);
    expect(records[0]!.comments.items.length).toBeGreaterThan(0);
    expect(records[1]!.title).toContain('Harbour committee');
    expect(records.every((x) => x.text.length > 200 && !x.error)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('walks a folder recursively and writes one file per input under --out, mirroring names', async () => {
    const out = path.join(dir, 'out1');
    const r = await run(['clean', path.join(dir, 'site'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const kenya = JSON.parse(readFileSync(path.join(out, 'world/kenya.json'), 'utf8')) as CleanResult;
    expect(kenya.title).toBe('Rains return to Kenya');
    expect(kenya.text).toContain('Kenya. Paragraph 5');
    expect(kenya.text).not.toContain('Home');
    expect(existsSync(path.join(out, 'index.json'))).toBe(true);
    expect(existsSync(path.join(out, 'notes.json'))).toBe(true);
    // Not a page: a folder walk takes only known page extensions.
    expect(existsSync(path.join(out, 'logo.json'))).toBe(false);
  });

  it('resumes with --skip-existing: existing outputs are kept, missing ones written', async () => {
    const out = path.join(dir, 'out2');
    expect((await run(['clean', path.join(dir, 'site'), '--out', out, '--format', 'text'])).code).toBe(0);
    writeFileSync(path.join(out, 'index.txt'), 'KEEP ME');
    rmSync(path.join(out, 'world/kenya.txt'));
    const r = await run(['clean', path.join(dir, 'site'), '--out', out, '--format', 'text', '--skip-existing', '--summary']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'index.txt'), 'utf8')).toBe('KEEP ME');
    expect(readFileSync(path.join(out, 'world/kenya.txt'), 'utf8')).toMatch(/^Rains return to Kenya\n\n/);
    expect(r.stderr).toMatch(/skipped\s+2/);
  });

  it('expands globs', async () => {
    const r = await run(['clean', `${dir}/site/**/*.html`, '--format', 'json']);
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout) as CleanResult[];
    expect(records.map((x) => x.title)).toEqual(['Front page story', 'Rains return to Kenya']);
  });

  it('reads HTML from stdin with -, and --url sets the page URL', async () => {
    const r = await run(['clean', '-', '--url', 'https://news.example.com/a/1', '--format', 'json'], { input: page('From a pipe', 'Piped.') });
    expect(r.code).toBe(0);
    const one = JSON.parse(r.stdout) as CleanResult;
    expect(one.url).toBe('https://news.example.com/a/1');
    expect(one.title).toBe('From a pipe');
  });

  it('reads JSONL from stdin; a bad line becomes an INVALID_JSONL record (id: its line number, or its own id), the rest is cleaned', async () => {
    const lines = [
      JSON.stringify({ id: 'a', url: 'https://example.com/a', html: page('First', 'A.') }),
      '{"id": "broken", "html": ',
      '',
      JSON.stringify({ id: 'b', text: readFileSync(SEED, 'utf8') }),
      JSON.stringify({ id: 'c', html: 7 }),
    ].join('\n');
    const r = await run(['clean'], { input: lines });
    expect(r.code).toBe(1);
    const records = jsonl(r.stdout);
    expect(records.map((x) => [x.id, x.error?.code])).toEqual([
      ['a', undefined],
      ['2', 'INVALID_JSONL'],
      ['b', undefined],
      ['c', 'INVALID_JSONL'],
    ]);
    expect(records[0]!.title).toBe('First');
    expect(r.stderr).toMatch(/INVALID_JSONL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads the HTML responses of a WARC.gz and skips other records', async () => {
    const records: Uint8Array[] = [];
    const add = async (opts: Parameters<typeof WARCRecord.create>[0], body: string) =>
      records.push(
        await WARCSerializer.serialize(
          WARCRecord.create(opts, (async function* () {
            yield new TextEncoder().encode(body);
          })()),
          { gzip: true },
        ),
      );
    await add({ url: 'https://example.com/one', type: 'request', warcHeaders: {} }, 'GET /one HTTP/1.1\r\n\r\n');
    await add({ url: 'https://example.com/one', type: 'response', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } }, page('Warc one', 'One.'));
    await add({ url: 'https://example.com/style.css', type: 'response', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/css' } }, 'body{}');
    await add({ url: 'https://example.com/two', type: 'response', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' } }, page('Warc two', 'Two.'));
    const file = path.join(dir, 'crawl.warc.gz');
    writeFileSync(file, Buffer.concat(records));
    const r = await run(['clean', file]);
    expect(r.code).toBe(0);
    const out = jsonl(r.stdout);
    expect(out.map((x) => [x.id, x.title])).toEqual([
      ['https://example.com/one', 'Warc one'],
      ['https://example.com/two', 'Warc two'],
    ]);
  });

  it('writes text, html and markdown, with the explain trail when asked', async () => {
    const text = await run(['clean', SEED_COMMENTS, '--format', 'text', '--explain']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/comments: present/);
    const html = await run(['clean', WORDPRESS, '--format', 'html']);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain('<h1>Harbour committee settles on a plan');
    expect(html.stdout).not.toMatch(/<script/i);
    const md = await run(['clean', WORDPRESS, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# Harbour committee settles on a plan/);
    const json = await run(['clean', SEED_COMMENTS, '--explain', '--format', 'json']);
    expect((JSON.parse(json.stdout) as CleanResult).explain).toMatch(/kept \d+ words/);
  });

  it('gives the same records with --workers 0 (main thread) and --workers 2', async () => {
    const a = await run(['clean', path.join(dir, 'site'), SEED_COMMENTS, '--workers', '0']);
    const b = await run(['clean', path.join(dir, 'site'), SEED_COMMENTS, '--workers', '2']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('declutter clean: summary, exit codes and usage errors', () => {
  it('exits 1 when some pages fail, still writing the others, and prints the summary table with --summary', async () => {
    writeFileSync(path.join(dir, 'empty.html'), '');
    const r = await run(['clean', path.join(dir, 'site/world/kenya.html'), path.join(dir, 'empty.html'), SEED_COMMENTS, '--summary']);
    expect(r.code).toBe(1);
    const records = jsonl(r.stdout);
    expect(records.map((x) => x.error?.code)).toEqual([undefined, 'EMPTY_INPUT', undefined]);
    expect(r.stderr).toMatch(/pages\s+3 in/);
    expect(r.stderr).toMatch(/failed\s+1: EMPTY_INPUT 1/);
    expect(r.stderr).toMatch(/words kept\s+[\d,]+/);
    expect(r.stderr).toMatch(/comments\s+\d+ on 1 page/);
    expect(r.stderr).toMatch(/access\s+\w+ \d/);
  });

  it('draws no progress bar and prints no summary when stderr is piped; --quiet silences error lines', async () => {
    const ok = await run(['clean', SEED]);
    expect(ok.stderr).toBe('');
    const quiet = await run(['clean', path.join(dir, 'empty.html'), '--quiet']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('');
  });

  it.each([
    [['clean', '--bogus', SEED], /unknown option/],
    [['clean', path.join(ROOT, 'no-such-file.html')], /no such file or folder/],
    [['clean', `${ROOT}/samples/*.nomatch`], /no files match/],
    [['clean', SEED, '--format', 'pdf'], /invalid/],
    [['clean', SEED, '--skip-existing'], /--skip-existing needs --out/],
    [['clean', SEED, SEED_COMMENTS, '--url', 'https://example.com/'], /--url applies to a single input page/],
    [['clean', SEED, '--url', 'not a url'], /not a valid URL/],
    [['clean', SEED, '--workers', 'two'], /whole number/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a one-line message for %j', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('exits 2 naming the file and line of a broken rule file given with --rules', async () => {
    const rules = path.join(dir, 'bad-rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(path.join(rules, 'typo.yaml'), 'id: typo\nkind: generic\nremove:\n  - name: x\n    selectr: ".promo"\n    category: promo\n');
    const r = await run(['clean', SEED, '--rules', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typo\.yaml:\d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
