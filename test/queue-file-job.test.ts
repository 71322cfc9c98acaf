/** One queue job's file, without Redis: records in order into <name>.jsonl, the .done marker, and what fails a job. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFileJob, JobError } from '../dist/queue/file-job.js';
import { createPageCleaner, type PageCleaner } from '../dist/stream.js';
import type { CleanResult } from '../src/types.js';
import { ROOT } from './cli-lib.js';

let dir: string;
let cleaner: PageCleaner;
const text = readFileSync(path.join(ROOT, 'samples/002_8308df305baf94dd.txt'), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-file-job-'));
  cleaner = createPageCleaner({ workers: 0 });
  const lines = [JSON.stringify({ id: 'a', text }), 'not json', JSON.stringify({ id: 'c', text: '' }), JSON.stringify({ id: 'd', text })];
  writeFileSync(path.join(dir, 'pages.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(dir, 'cut.warc.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x2c]));
});
afterAll(async () => {
  await cleaner.close();
  rmSync(dir, { recursive: true, force: true });
});

const job = (file: string, id: string, signal = new AbortController().signal) => ({
  id,
  data: { path: path.join(dir, file), name: `sub/${path.basename(file).replace(/\..*$/, '')}`, version: '0', rulesHash: 'x' },
  signal,
  progress: async () => {},
});
const context = (outDir: string) => ({ cleaner, pages: pLimit(2), outDir, maxBytes: 20 * 1024 * 1024, touchMs: 60_000 });

describe('cleanFileJob', () => {
  it('writes every record, error records included, in input order, then a marker; the same job again reuses it', async () => {
    const out = path.join(dir, 'out');
    const outcome = await cleanFileJob(job('pages.jsonl', 'job-1'), context(out));
    expect(outcome).toMatchObject({ pages: 4, errors: 2 });
    const records = readFileSync(path.join(out, 'sub/pages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CleanResult);
    expect(records.map((r) => [r.id, r.error?.code])).toEqual([
      ['a', undefined],
      ['2', 'INVALID_JSONL'],
      ['c', 'EMPTY_INPUT'],
      ['d', undefined],
    ]);
    expect(JSON.parse(readFileSync(path.join(out, 'sub/pages.jsonl.done'), 'utf8'))).toEqual({ jobId: 'job-1', ...outcome });

    const written = statSync(path.join(out, 'sub/pages.jsonl')).mtimeMs;
    expect(await cleanFileJob(job('pages.jsonl', 'job-1'), context(out))).toEqual(outcome);
    expect(statSync(path.join(out, 'sub/pages.jsonl')).mtimeMs).toBe(written);
  });

  it('fails a damaged WARC without retry, and an aborted job, leaving nothing in the output folder', async () => {
    const out = path.join(dir, 'out-failed');
    const damaged = cleanFileJob(job('cut.warc.gz', 'job-2'), context(out));
    await expect(damaged).rejects.toBeInstanceOf(JobError);
    await expect(damaged).rejects.toMatchObject({ code: 'WARC_TRUNCATED', retry: false });
    const stop = new AbortController();
    stop.abort();
    await expect(cleanFileJob(job('pages.jsonl', 'job-3', stop.signal), context(out))).rejects.toMatchObject({ name: 'AbortError' });
    await expect(cleanFileJob(job('missing.jsonl', 'job-4'), context(out))).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND', retry: true });
    expect(readdirSync(out, { recursive: true }).filter((f) => !statSync(path.join(out, String(f))).isDirectory())).toEqual([]);
  });
});
