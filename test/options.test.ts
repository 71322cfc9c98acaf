/** Options are checked when a cleaner, stream or pool is made: a wrong type fails at once with a coded error. */
import { describe, expect, it } from 'vitest';
import { cleanStream, createCleaner, OptionError, type CleanOptions, type StreamOptions } from '../dist/index.js';
import { createPool } from '../dist/pool/index.js';

describe('option checks', () => {
  it.each<[string, CleanOptions]>([
    ['rulesDirs', { rulesDirs: 'rules' as unknown as string[] }],
    ['dom', { dom: 'bogus' as CleanOptions['dom'] }],
    ['maxBytes', { maxBytes: Number.NaN }],
    ['maxBytes', { maxBytes: -1 }],
    ['explain', { explain: 'yes' as unknown as boolean }],
  ])('createCleaner rejects a bad %s with INVALID_OPTION', (option, options) => {
    let thrown: unknown;
    try {
      createCleaner(options);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(OptionError);
    expect(thrown).toMatchObject({ code: 'INVALID_OPTION', option });
    expect((thrown as Error).message).toMatch(new RegExp(`^option ${option}: expected`));
  });

  it.each<[string, StreamOptions]>([
    ['workers', { workers: 1.5 }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['concurrency', { concurrency: 0 }],
    ['dom', { dom: 'bogus' as CleanOptions['dom'], workers: 1 }],
  ])('cleanStream rejects a bad %s before starting any worker', (option, options) => {
    expect(() => cleanStream(options)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option }));
  });

  it('accepts the documented options', () => {
    expect(() => createCleaner({ dom: 'jsdom', rulesDirs: [], rulesOnly: false, outletRules: false, maxBytes: 1000, explain: true })).not.toThrow();
  });
});

describe('worker pool failures', () => {
  it('reports a worker that runs out of memory as WORKER_FAILED, replaces it, and cleans the next page', async () => {
    const pool = createPool({ workers: 1, workerFile: new URL('./fixtures/oom-worker.mjs', import.meta.url) });
    try {
      const oom = await pool.clean({ id: 'hog', text: 'OOM' });
      expect(oom.error?.code).toBe('WORKER_FAILED');
      expect(oom.error?.message).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
      const next = await pool.clean({ id: 'next', html: '<html><body><article><h1>After</h1><p>A paragraph of plain words that reads as an article body in a story.</p></article></body></html>' });
      expect(next.error).toBeUndefined();
    } finally {
      await pool.close();
    }
  }, 60_000);
});
