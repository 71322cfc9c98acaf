/** The `logger` option (library) and `--log-level` (CLI): one debug line per page, nothing without a logger. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanStream, createCleaner } from '../dist/index.js';
import type { Logger } from '../src/log.js';
import type { CleanResult } from '../src/types.js';
import { ROOT, runCli } from './cli-lib.js';

const WORDPRESS = path.join(ROOT, 'samples/wordpress/post.html');
const COMMENTS = path.join(ROOT, 'samples/000_41006abdadce247a.txt');

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message?: string;
}

function collectingLogger(debug = true): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (fields: object, message?: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), isLevelEnabled: (l) => debug || l !== 'debug' };
}

describe('the logger option', () => {
  it('logs one debug line per page: id, ms, words, removals by category, comments, access; failures with their code', async () => {
    const logger = collectingLogger();
    const cleaner = createCleaner({ logger });
    const page = await cleaner.clean({ id: 'post', html: readFileSync(WORDPRESS, 'utf8') });
    await cleaner.clean({ id: 'empty', html: '   ' });
    expect(logger.lines).toHaveLength(2);
    const [cleaned, failed] = logger.lines;
    expect(cleaned).toMatchObject({ level: 'debug', message: 'page cleaned' });
    const categories: Record<string, number> = {};
    for (const r of page.removed) categories[r.category] = (categories[r.category] ?? 0) + 1;
    expect(cleaned!.fields).toMatchObject({ id: 'post', removed: categories, comments: page.comments.items.length, access: page.access.state });
    expect(Object.keys(categories).length).toBeGreaterThan(0);
    expect(cleaned!.fields.words).toBeGreaterThan(50);
    expect(cleaned!.fields.ms).toBeGreaterThan(0);
    expect(failed).toMatchObject({ level: 'debug', message: 'page failed', fields: { id: 'empty', error: 'EMPTY_INPUT' } });
  });

  it('skips the counting when the logger drops debug lines', async () => {
    const logger = collectingLogger(false);
    await createCleaner({ logger }).clean({ id: 'post', html: readFileSync(WORDPRESS, 'utf8') });
    expect(logger.lines).toEqual([]);
  });

  it('logs from the main thread when pages are cleaned in worker threads (the logger is not sent to them)', async () => {
    const logger = collectingLogger();
    const results: CleanResult[] = [];
    const pages = [{ id: 'a', text: readFileSync(COMMENTS, 'utf8') }, { id: 'b', html: readFileSync(WORDPRESS, 'utf8') }];
    for await (const r of Readable.from(pages).pipe(cleanStream({ workers: 1, logger }))) results.push(r as CleanResult);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(logger.lines.map((l) => [l.message, l.fields.id])).toEqual([
      ['page cleaned', 'a'],
      ['page cleaned', 'b'],
    ]);
    expect(logger.lines[0]!.fields.comments).toBe(results[0]!.comments.items.length);
  });
});

describe('declutter clean --log-level', () => {
  it('writes pino JSON lines on stderr, a debug line per page, and keeps stdout for records', async () => {
    let pid: number | undefined;
    const { code, stdout, stderr } = await runCli(['clean', WORDPRESS, COMMENTS, '--log-level', 'debug'], { onSpawn: (c) => (pid = c.pid) });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as CleanResult).id)).toEqual([WORDPRESS, COMMENTS]);
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // Logged as pages finish, on two worker threads: in either order.
    expect(lines.map((l) => [l.level, l.msg, l.id]).sort()).toEqual([
      [20, 'page cleaned', COMMENTS],
      [20, 'page cleaned', WORDPRESS],
    ]);
    expect(lines.find((l) => l.id === COMMENTS)).toMatchObject({ pid, access: 'free' });
    expect(lines.find((l) => l.id === COMMENTS)!.comments).toBeGreaterThan(0);
  });
});
