/** The README's scraper examples, run for real: a Crawlee crawl of samples/ on 127.0.0.1, and a JSONL pipe. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CleanResult } from '../src/types.js';
// @ts-expect-error plain ESM example without types
import { crawlAndClean } from './examples/crawlee-crawl.mjs';
// @ts-expect-error plain ESM example without types
import { serveFolder } from './examples/serve-folder.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples');

describe('scraper examples', () => {
  it('Crawlee crawls samples/ served on 127.0.0.1 and declutter cleans every page in the request handler', async () => {
    const site = (await serveFolder(SAMPLES)) as { url: string; pages: string[]; close(): Promise<void> };
    const storageDir = mkdtempSync(path.join(tmpdir(), 'crawlee-test-'));
    try {
      const results = (await crawlAndClean({ startUrl: site.url, storageDir })) as CleanResult[];
      const crawled = results.map((r) => new URL(r.url!).pathname.slice(1)).sort();
      expect(crawled).toEqual([...site.pages].sort());
      expect(site.pages.length).toBeGreaterThan(5);
      for (const r of results) {
        expect(r.error).toBeUndefined();
        expect(r.title, r.url).toBeTruthy();
        expect(r.text.length, r.url).toBeGreaterThan(200);
      }
      // The crawl wrote nothing into the working folder.
      expect(existsSync(path.join(ROOT, 'storage'))).toBe(false);
    } finally {
      await site.close();
      rmSync(storageDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('pipes JSONL through cleanStream: one output line per page, in order', async () => {
    const seeds = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
    const input = [
      ...seeds.map((f) => JSON.stringify({ id: f, text: readFileSync(path.join(SAMPLES, f), 'utf8') })),
      JSON.stringify({ id: 'wp', url: 'https://gazette.example/harbour', html: readFileSync(path.join(SAMPLES, 'wordpress/post.html'), 'utf8') }),
    ].join('\n');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'test/examples/jsonl-stream.mjs')], { cwd: ROOT });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}`))));
      child.stdin.end(input);
    });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; title?: string; text: string; error?: unknown });
    expect(lines.map((l) => l.id)).toEqual([...seeds, 'wp']);
    expect(lines.every((l) => !l.error && l.text.length > 200)).toBe(true);
    expect(lines.at(-1)!.title).toContain('Harbour committee');
  }, 120_000);
});
