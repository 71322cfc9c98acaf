import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cleanStream } from '../dist/index.js';
import { mapOrdered } from '../dist/stream.js';
import { createPool } from '../dist/pool/index.js';
import type { CleanResult, PageInput } from '../src/types.js';

const SEEDS = '/work/shared/seeds';
const seedPages: PageInput[] = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ id: f, text: readFileSync(path.join(SEEDS, f), 'utf8') }));

const articleHtml = (n: number) =>
  `<!DOCTYPE html><html><head><title>Story ${n}</title></head><body><nav><a href="/">Home</a></nav>` +
  `<article><h1>Story ${n}</h1>${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of story ${n} tells the reader something plain and long enough to count as real prose in an article body.</p>`).join('')}</article>` +
  `<footer>Copyright</footer></body></html>`;

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of stream) out.push(x);
  return out;
}

describe('mapOrdered', () => {
  it('keeps input order when later inputs finish first, with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const t = mapOrdered(
      async (n: number) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep((20 - n) % 7);
        inFlight--;
        return { n };
      },
      { concurrency: 3, onError: (n) => ({ n: -n }) },
    );
    const out = await collect<{ n: number }>(Readable.from(Array.from({ length: 20 }, (_, i) => i)).pipe(t));
    expect(out.map((o) => o.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('turns a throwing input into a record through onError and goes on', async () => {
    const t = mapOrdered(
      async (n: number) => {
        if (n === 2) throw new Error('boom');
        return { n, ok: true };
      },
      { concurrency: 2, onError: (n, err) => ({ n, ok: false, why: (err as Error).message }) },
    );
    const out = await collect<{ n: number; ok: boolean; why?: string }>(Readable.from([0, 1, 2, 3, 4]).pipe(t));
    expect(out.map((o) => o.n)).toEqual([0, 1, 2, 3, 4]);
    expect(out[2]).toEqual({ n: 2, ok: false, why: 'boom' });
    expect(out.filter((o) => o.ok)).toHaveLength(4);
  });

  it('never stalls, whatever the mix of slow inputs and a consumer that pauses', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const concurrency of [1, 2, 3, 5]) {
      const t = mapOrdered(
        async (n: number) => {
          if (random() < 0.5) await sleep(Math.floor(random() * 3));
          if (n % 17 === 0) throw new Error('bad');
          return n;
        },
        { concurrency, onError: (n) => -n },
      );
      const out: number[] = [];
      for await (const n of Readable.from(Array.from({ length: 150 }, (_, i) => i + 1)).pipe(t)) {
        out.push(n as number);
        if (random() < 0.2) await sleep(1);
      }
      expect(out).toEqual(Array.from({ length: 150 }, (_, i) => ((i + 1) % 17 === 0 ? -(i + 1) : i + 1)));
    }
  }, 60_000);

  it('stops pulling input while a slow consumer is behind (backpressure)', async () => {
    let pulled = 0;
    let consumed = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 0; i < 200; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - consumed);
        yield i;
      }
    }
    const t = mapOrdered(async (n: number) => ({ n }), { concurrency: 4, onError: (n) => ({ n }) });
    const slowSink = new Writable({
      objectMode: true,
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        consumed++;
        setTimeout(cb, 1);
      },
    });
    await pipeline(Readable.from(source(), { highWaterMark: 1 }), t, slowSink);
    expect(consumed).toBe(200);
    // Bounded by the buffers between the stages, not by the length of the input.
    expect(maxAhead).toBeLessThan(30);
  });
});

describe('cleanStream', () => {
  it('cleans pages in order in this thread, and a bad page becomes an error record without ending the stream', async () => {
    const pages: unknown[] = [
      ...seedPages,
      { id: 'empty', html: '' },
      { id: 'not-html', html: 42 },
      { id: 'article', url: 'https://news.example.com/story/1', html: articleHtml(1) },
    ];
    const results = await collect<CleanResult>(Readable.from(pages).pipe(cleanStream()));
    expect(results.map((r) => r.id)).toEqual([...seedPages.map((p) => p.id), 'empty', 'not-html', 'article']);
    for (const r of results.slice(0, seedPages.length)) {
      expect(r.error).toBeUndefined();
      expect(r.text.length).toBeGreaterThan(500);
    }
    const empty = results[seedPages.length]!;
    expect(empty.error?.code).toBe('EMPTY_INPUT');
    expect(empty.text).toBe('');
    expect(empty.removed).toEqual([]);
    expect(results[seedPages.length + 1]!.error?.code).toBe('INVALID_INPUT');
    const article = results.at(-1)!;
    expect(article.error).toBeUndefined();
    expect(article.text).toContain('Paragraph 5 of story 1');
    expect(article.text).not.toContain('Copyright');
  });

  it('works with stream.pipeline and for await, giving one result per page', async () => {
    const seen: string[] = [];
    await pipeline(
      Readable.from(Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, html: articleHtml(i) }))),
      cleanStream({ concurrency: 3 }),
      async function (results: AsyncIterable<CleanResult>) {
        for await (const r of results) seen.push(`${r.id}:${r.title ?? ''}`);
      },
    );
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}:Story ${i}`));
  });

  it('gives the same results with two worker threads as in this thread, in order', async () => {
    const pages: PageInput[] = [...seedPages, ...Array.from({ length: 6 }, (_, i) => ({ id: `h${i}`, html: articleHtml(i) }))];
    const inThread = await collect<CleanResult>(Readable.from(pages).pipe(cleanStream()));
    const inWorkers = await collect<CleanResult>(Readable.from(pages).pipe(cleanStream({ workers: 2 })));
    expect(inWorkers.map((r) => r.id)).toEqual(pages.map((p) => p.id));
    expect(inWorkers.map((r) => r.text)).toEqual(inThread.map((r) => r.text));
    expect(inWorkers.map((r) => r.title)).toEqual(inThread.map((r) => r.title));
  });

  it('refuses a page over the size limit as TOO_LARGE, in a thread and in workers', async () => {
    const pages = [
      { id: 'small', html: articleHtml(1) },
      { id: 'big', html: articleHtml(2) + ' '.repeat(5000) },
    ];
    for (const workers of [0, 1]) {
      const results = await collect<CleanResult>(Readable.from(pages).pipe(cleanStream({ workers, maxBytes: 4000 })));
      expect(results.map((r) => [r.id, r.error?.code])).toEqual([
        ['small', undefined],
        ['big', 'TOO_LARGE'],
      ]);
    }
  });
});

describe('worker pool', () => {
  it('stops a page over the time limit, replaces its worker, and loses nothing else', async () => {
    const pool = createPool({
      workers: 1,
      timeoutMs: 1500,
      workerFile: new URL('./fixtures/hanging-worker.mjs', import.meta.url),
    });
    try {
      const pages: PageInput[] = [
        { id: 'a', html: articleHtml(1) },
        { id: 'stuck', text: 'HANG' },
        { id: 'b', html: articleHtml(2) },
        { id: 'c', text: seedPages[2]!.text },
      ];
      const results = await Promise.all(pages.map((p) => pool.clean(p)));
      expect(results.map((r) => [r.id, r.error?.code])).toEqual([
        ['a', undefined],
        ['stuck', 'TIMEOUT'],
        ['b', undefined],
        ['c', undefined],
      ]);
      expect(results[2]!.text).toContain('Paragraph 0 of story 2');
      expect(results[3]!.text.length).toBeGreaterThan(500);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
