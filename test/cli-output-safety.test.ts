/**
 * Where `declutter clean --out` may write: only under --out, never over an input, never two outputs on one
 * name; what it prints: no raw control characters; and clear errors when --out cannot be written.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanResult } from '../src/types.js';
import { ROOT, runCli } from './cli-lib.js';

const PAGE = readFileSync(path.join(ROOT, 'samples/wordpress/post.html'), 'utf8');
const story = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `${Array.from({ length: 5 }, (_, i) => `<p>${title} paragraph ${i} has plain sentences enough to be an article paragraph.</p>`).join('')}</article></body></html>`;

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-outsafe-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('declutter clean --out: where outputs go', () => {
  it('keeps the outputs of a brace glob with slashes under --out and leaves the inputs alone', async () => {
    const crawl = path.join(dir, 'brace/crawl');
    mkdirSync(path.join(crawl, '2023/jan'), { recursive: true });
    mkdirSync(path.join(crawl, '2024/feb'), { recursive: true });
    writeFileSync(path.join(crawl, '2023/jan/a.html'), story('January story'));
    writeFileSync(path.join(crawl, '2024/feb/b.html'), story('February story'));
    const r = await runCli(['clean', 'crawl/{2023/jan,2024/feb}/*.html', '--out', 'out', '-f', 'html'], { cwd: path.join(dir, 'brace') });
    expect(r.code).toBe(0);
    expect(filesUnder(path.join(dir, 'brace/out'))).toEqual(['2023/jan/a.html', '2024/feb/b.html']);
    expect(filesUnder(path.join(dir, 'brace'))).toEqual(['crawl/2023/jan/a.html', 'crawl/2024/feb/b.html', 'out/2023/jan/a.html', 'out/2024/feb/b.html']);
    expect(readFileSync(path.join(crawl, '2023/jan/a.html'), 'utf8')).toBe(story('January story'));
  });

  it('never writes an output over an input file (OUTPUT_IS_INPUT), nor through a link out of --out (OUTPUT_OUTSIDE)', async () => {
    const site = path.join(dir, 'same');
    mkdirSync(site);
    writeFileSync(path.join(site, 'a.html'), PAGE);
    const r = await runCli(['clean', site, '--out', site, '-f', 'html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/OUTPUT_IS_INPUT/);
    expect(readFileSync(path.join(site, 'a.html'), 'utf8')).toBe(PAGE);

    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(path.join(dir, 'linked/in/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'linked/in/sub/x.html'), PAGE);
    writeFileSync(path.join(dir, 'linked/in/y.html'), PAGE);
    mkdirSync(path.join(dir, 'linked/out'));
    symlinkSync(elsewhere, path.join(dir, 'linked/out/sub'));
    const l = await runCli(['clean', path.join(dir, 'linked/in'), '--out', path.join(dir, 'linked/out')]);
    expect(l.code).toBe(1);
    expect(l.stderr).toMatch(/OUTPUT_OUTSIDE/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(path.join(dir, 'linked/out/y.json'))).toBe(true);
  });

  it('gives colliding names distinct outputs and counts the renames in the summary', async () => {
    const input = path.join(dir, 'dupes');
    mkdirSync(input);
    const lines = ['a', 'a', 'a-2'].map((id) => JSON.stringify({ id, html: story(`Story ${id}`) }));
    writeFileSync(path.join(input, 'pages.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(path.join(input, 'b.htm'), story('Story b htm'));
    writeFileSync(path.join(input, 'b.html'), story('Story b html'));
    const out = path.join(dir, 'dupes-out');
    const r = await runCli(['clean', input, '--out', out, '--summary']);
    expect(r.code).toBe(0);
    expect(filesUnder(out)).toEqual(['b-2.json', 'b.json', 'pages/a-2-2.json', 'pages/a-2.json', 'pages/a.json']);
    const title = (f: string) => (JSON.parse(readFileSync(path.join(out, f), 'utf8')) as CleanResult).title;
    expect(['pages/a.json', 'pages/a-2.json', 'pages/a-2-2.json', 'b.json', 'b-2.json'].map(title)).toEqual([
      'Story a',
      'Story a',
      'Story a-2',
      'Story b htm',
      'Story b html',
    ]);
    expect(r.stderr).toMatch(/renamed\s+3 /);
  });
});

describe('declutter clean: what reaches the terminal', () => {
  it('escapes control characters of ids in stderr lines and in -f text headers', async () => {
    const evil = 'x\u001b[2J\u001b[31mred\n==> forged <==';
    const lines = [JSON.stringify({ id: evil, html: story('One') }), JSON.stringify({ id: `${evil}2`, html: 5 })].join('\n');
    const r = await runCli(['clean', '-f', 'text'], { input: lines });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\u001b/);
    expect(r.stderr).toContain('x\\u001b[2J\\u001b[31mred\\n==> forged <==2: INVALID_JSONL');
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('==>'))).toEqual([
      '==> x\\u001b[2J\\u001b[31mred\\n==> forged <== <==',
      '==> x\\u001b[2J\\u001b[31mred\\n==> forged <==2 <==',
    ]);
  });
});

describe('declutter clean: errors that say what went wrong', () => {
  it('refuses an --out that is a file or cannot be made, before cleaning anything (exit 2)', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const page = path.join(dir, 'one.html');
    writeFileSync(page, PAGE);
    const r = await runCli(['clean', page, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`declutter: --out ${file} is a file, not a folder\n`);
    // /proc refuses new folders: Node's recursive mkdir spins forever on it.
    const p = await runCli(['clean', page, '--out', '/proc/declutter-out']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/^declutter: --out \/proc\/declutter-out cannot be written: ENOENT/);
  });

  it('stops with the real write error (exit 1) when an output cannot be written mid-run', async () => {
    const input = path.join(dir, 'midrun');
    mkdirSync(path.join(input, 'world'), { recursive: true });
    writeFileSync(path.join(input, 'a.html'), PAGE);
    writeFileSync(path.join(input, 'world/k.html'), PAGE);
    const out = path.join(dir, 'midrun-out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'world'), 'a file where a folder must go');
    const r = await runCli(['clean', input, '--out', out, '--workers', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^declutter: cannot write ${out}/world/k\\.json: EEXIST`));
    expect(r.stderr).not.toMatch(/aborted/i);
  });

  it('caps --workers at 4 per core and at the number of pages', async () => {
    const page = path.join(dir, 'w.html');
    writeFileSync(page, PAGE);
    const r = await runCli(['clean', page, page, '--workers', '500']);
    expect(r.code).toBe(0);
    const cap = 4 * availableParallelism();
    expect(r.stderr).toBe(`declutter: --workers 500 is more than ${cap} (4 per core); using ${cap}\n`);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('reads a JSONL file that starts with a UTF-8 byte order mark', async () => {
    const file = path.join(dir, 'bom.jsonl');
    writeFileSync(file, `\uFEFF${JSON.stringify({ id: 'first', html: story('With a BOM') })}\n`);
    const r = await runCli(['clean', file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as CleanResult).title).toBe('With a BOM');
  });
});
