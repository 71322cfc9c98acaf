/**
 * Speed and memory bench: declutter (each DOM, in one process and on two worker threads) beside bare
 * Readability on jsdom and on linkedom, on the same pages in the same run; the cost curve against page size;
 * RSS over a long stream.
 *
 *   npm run bench:perf -- [eval dir] [--quick] [--passes N] [--stream N] [--stream-budget S (0: no limit)] [--only throughput,ladder,stream]
 *
 * Each measurement runs in its own child process so peak RSS belongs to one mode. Ratios are to bare
 * Readability on jsdom measured in this same run (timings here vary up to 2x between runs; ratios hold
 * better). Postlight Parser is a devDependency: it installs only through an npm override (its difflib dependency
 * points at a GitHub fork; package.json maps it to the registry's difflib 0.2.4).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { cleanStream, createCleaner, decodeHtml, type CleanResult, type DomName, type PageInput } from '../dist/index.js';
import { readabilityText } from './lib/baseline.js';
import { aggregate, scorePage } from './lib/score.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const WARM_PAGES = 10;
/**
 * Timed passes over the pages, after the warm-up: a batch of thousands runs at the speed of a warm process, and
 * one pass of 91 pages still includes much of the JIT's work (the more code a mode runs, the more). Every mode
 * gets the same passes. `--passes 1` measures one cold-ish pass.
 */
let PASSES = 3;

const MODES = {
  'readability-jsdom': 'bare Readability on jsdom',
  'readability-linkedom': 'bare Readability on linkedom',
  postlight: 'Postlight Parser 2.2.3',
  'declutter-linkedom': 'declutter, linkedom, 1 thread',
  'declutter-jsdom': 'declutter, jsdom, 1 thread',
  'declutter-linkedom-w2': 'declutter, linkedom, 2 workers',
  'declutter-jsdom-w2': 'declutter, jsdom, 2 workers',
} as const;
type Mode = keyof typeof MODES;

interface Page {
  id: string;
  url?: string;
  bytes: Uint8Array;
  truth: string;
}

interface ModeReport {
  mode: Mode;
  pages: number;
  seconds: number;
  pagesPerSec: number;
  medianMs?: number;
  p95Ms?: number;
  peakRssMb: number;
  f1: number;
}

interface LadderPoint {
  kb: number;
  reps: number;
  medianMs: number;
  msPerKb: number;
}

interface StreamReport {
  pages: number;
  workers: number;
  seconds: number;
  samples: { page: number; rssMb: number }[];
  stoppedByBudget: boolean;
}

// ---------------------------------------------------------------------------------------------- pages

function loadPages(evalDir: string): Page[] {
  const dir = join(evalDir, 'zyte');
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  return readdirSync(join(dir, 'html'))
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.html$/, '');
      return { id, url: truth[id]?.url, bytes: new Uint8Array(readFileSync(join(dir, 'html', f))), truth: truth[id]?.articleBody ?? '' };
    });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

// ------------------------------------------------------------------------------------ child: one mode

function readabilityLinkedom(html: string, url?: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  if (url) Object.defineProperty(document, 'baseURI', { value: url, configurable: true });
  try {
    return new Readability(document).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}

type PostlightParse = (url: string, options: Record<string, unknown>) => Promise<{ content?: string | null } | null>;
let postlight: PostlightParse | undefined;

/** Postlight's text for a page it is handed (no fetching: one page, no "next page" requests). */
async function postlightText(html: string, url?: string): Promise<string> {
  const specifier = '@postlight/parser'; // untyped package
  postlight ??= ((await import(specifier)) as unknown as { default: { parse: PostlightParse } }).default.parse;
  try {
    const r = await postlight(url ?? 'https://example.com/', { html, contentType: 'text', fetchAllPages: false });
    return r?.content ?? '';
  } catch {
    return '';
  }
}

async function runMode(mode: Mode, pages: Page[]): Promise<ModeReport> {
  const warm = pages.slice(0, WARM_PAGES);
  if (mode.endsWith('-w2')) return runWorkers(mode, pages, warm);
  let cleanOne: (p: Page) => Promise<string> | string;
  if (mode === 'readability-jsdom' || mode === 'readability-linkedom' || mode === 'postlight') {
    // Baselines get the page decoded by declutter's sniffer, so all modes read the same text.
    const decoded = new Map(pages.map((p) => [p.id, decodeHtml(p.bytes).text]));
    const extract = mode === 'readability-jsdom' ? readabilityText : mode === 'postlight' ? postlightText : readabilityLinkedom;
    cleanOne = (p) => extract(decoded.get(p.id)!, p.url);
  } else {
    const cleaner = createCleaner({ dom: mode === 'declutter-jsdom' ? 'jsdom' : 'linkedom' });
    cleanOne = async (p) => (await cleaner.clean({ id: p.id, url: p.url, html: p.bytes })).text;
  }
  for (const p of warm) {
    await cleanOne(p);
    await tick();
  }
  const times: number[] = [];
  const texts: string[] = [];
  const started = performance.now();
  for (let pass = 0; pass < PASSES; pass++) {
    for (const p of pages) {
      const t = performance.now();
      const text = await cleanOne(p);
      if (pass === 0) texts.push(text);
      times.push(performance.now() - t);
      // jsdom frees a document only when the event loop turns; every mode gets the same turn.
      await tick();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // Scored after the clock stops: the F1 column checks the output, it is not part of any mode's cost.
  const scores = pages.map((p, i) => scorePage(texts[i]!, p.truth));
  times.sort((a, b) => a - b);
  return {
    mode,
    pages: pages.length * PASSES,
    seconds,
    pagesPerSec: (pages.length * PASSES) / seconds,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    peakRssMb: peakRssMb(),
    f1: aggregate(scores).f1,
  };
}

async function runWorkers(mode: Mode, pages: Page[], warm: Page[]): Promise<ModeReport> {
  const dom: DomName = mode.startsWith('declutter-jsdom') ? 'jsdom' : 'linkedom';
  const timed = Array.from({ length: PASSES }, () => pages).flat();
  const input: PageInput[] = [...warm, ...timed].map((p) => ({ id: p.id, url: p.url, html: p.bytes }));
  const byId = new Map(pages.map((p) => [p.id, p]));
  let seen = 0;
  let started = 0;
  const results: CleanResult[] = [];
  for await (const r of Readable.from(input).pipe(cleanStream({ dom, workers: 2 }))) {
    seen++;
    // The clock starts once the warm-up pages are back: both workers are up and have cleaned a page.
    if (seen === warm.length) started = performance.now();
    if (seen > warm.length && seen <= warm.length + pages.length) results.push(r as CleanResult);
  }
  const seconds = (performance.now() - started) / 1000;
  // Scored after the clock stops, as in one thread: on two cores, scoring on the main thread would take CPU
  // from the two workers and the bench would measure the scorer.
  const scores = results.map((r) => scorePage(r.text, byId.get(r.id!)!.truth));
  return { mode, pages: timed.length, seconds, pagesPerSec: timed.length / seconds, peakRssMb: peakRssMb(), f1: aggregate(scores).f1 };
}

// ---------------------------------------------------------------------------------- child: size ladder

/** A synthetic article of about `bytes` bytes: a real page's paragraphs repeated, inside ordinary chrome. */
function syntheticPage(paragraphs: string[], bytes: number, title: string): string {
  const nav = `<header><nav>${Array.from({ length: 20 }, (_, i) => `<a href="/section/${i}">Section ${i}</a>`).join(' ')}</nav></header>`;
  const aside = `<aside class="related"><h3>Related</h3><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/story/${i}">Another story ${i}</a></li>`).join('')}</ul></aside>`;
  const head = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${nav}<main><article><h1>${title}</h1>`;
  const tail = `</article>${aside}</main><footer><p>© Example News</p><a href="/privacy">Privacy</a></footer></body></html>`;
  const body: string[] = [];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const p = `<p>${paragraphs[i % paragraphs.length]}</p>\n`;
    body.push(p);
    size += p.length;
  }
  return head + body.join('') + tail;
}

async function runLadder(pages: Page[], sizesKb: number[], dom: DomName): Promise<LadderPoint[]> {
  // The page whose article has the most paragraphs gives the text.
  const source = [...pages].sort((a, b) => b.truth.split('\n').length - a.truth.split('\n').length)[0]!;
  const paragraphs = source.truth
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 40)
    .map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  const cleaner = createCleaner({ dom, maxBytes: 64 * 1024 * 1024 });
  await cleaner.clean({ html: syntheticPage(paragraphs, 50_000, 'Warm up') });
  const points: LadderPoint[] = [];
  for (const kb of sizesKb) {
    const html = syntheticPage(paragraphs, kb * 1024, `A page of ${kb} KB`);
    const times: number[] = [];
    const budgetMs = 1500;
    const t0 = performance.now();
    while (times.length < 20 && (times.length < 3 || performance.now() - t0 < budgetMs)) {
      const t = performance.now();
      const r = await cleaner.clean({ url: 'https://news.example.com/story', html });
      times.push(performance.now() - t);
      if (r.error) throw new Error(`ladder page of ${kb} KB failed: ${r.error.code} ${r.error.message}`);
      if (kb >= 3000 && times.length >= 1) break;
    }
    const ms = median(times);
    points.push({ kb: html.length / 1024, reps: times.length, medianMs: ms, msPerKb: ms / (html.length / 1024) });
  }
  return points;
}

// -------------------------------------------------------------------------------- child: long stream

async function runLongStream(pages: Page[], total: number, budgetSec: number, workers: number): Promise<StreamReport> {
  const samples: { page: number; rssMb: number }[] = [];
  const every = Math.max(50, Math.floor(total / 100));
  const started = performance.now();
  let stoppedByBudget = false;
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < total; i++) {
        if (budgetSec > 0 && (performance.now() - started) / 1000 > budgetSec) {
          stoppedByBudget = true;
          return;
        }
        const p = pages[i % pages.length]!;
        yield { id: `${i}`, url: p.url, html: p.bytes } satisfies PageInput;
      }
    })(),
  );
  let done = 0;
  for await (const _ of source.pipe(cleanStream({ workers }))) {
    done++;
    if (done % every === 0) samples.push({ page: done, rssMb: process.memoryUsage().rss / 1024 / 1024 });
  }
  return { pages: done, workers, seconds: (performance.now() - started) / 1000, samples, stoppedByBudget };
}

// ------------------------------------------------------------------------------------------- parent

function runChild<T>(args: string[]): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`child ${args.join(' ')} exited ${code}`));
      else resolvePromise(JSON.parse(line) as T);
    });
  });
}

function fmt(n: number | undefined, digits = 1): string {
  return n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

/** Least-squares slope of RSS against page number, in MB per 1,000 pages. */
function slopePerThousand(points: { page: number; rssMb: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.page, 0) / n;
  const my = points.reduce((a, p) => a + p.rssMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.page - mx) * (p.rssMb - my);
    den += (p.page - mx) ** 2;
  }
  return den ? (num / den) * 1000 : 0;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      stream: { type: 'string' },
      'stream-budget': { type: 'string' },
      'stream-workers': { type: 'string', default: '2' },
      'no-stream-one': { type: 'boolean', default: false },
      only: { type: 'string' },
      'ladder-dom': { type: 'string', default: 'linkedom' },
      passes: { type: 'string', default: '3' },
      child: { type: 'string' },
      sizes: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(`npm run bench:perf -- [eval dir] [options]

  eval dir              the folder holding zyte/ (default ../shared/eval)
  --quick               a short run: fewer ladder sizes, a 1,000-page stream
  --only LIST           parts to run: throughput,ladder,stream (default all)
  --stream N            pages in the long stream (default 10,000; 1,000 with --quick)
  --stream-budget S     stop the stream after S seconds (default 120; 0: no limit)
  --stream-workers N    workers for the stream (default 2)
  --no-stream-one       skip the same stream in one thread (run after the workers' stream to compare with)
  --ladder-dom DOM      DOM for the size ladder: linkedom (default) or jsdom
  --passes N            timed passes over the pages after the warm-up, for every mode (default 3)`);
    return;
  }
  const evalDir = resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval'));
  if (!existsSync(join(evalDir, 'zyte', 'ground-truth.json'))) {
    console.error(`bench:perf: no zyte set under ${evalDir} (give the eval folder as the first argument)`);
    process.exitCode = 2;
    return;
  }
  const pages = loadPages(evalDir);
  PASSES = Math.max(1, Number(values.passes) || 1);

  if (values.child) {
    const [kind, arg] = values.child.split(':') as [string, string | undefined];
    let report: unknown;
    if (kind === 'mode') report = await runMode(arg as Mode, pages);
    else if (kind === 'ladder') report = await runLadder(pages, (values.sizes ?? '').split(',').map(Number), values['ladder-dom'] as DomName);
    else if (kind === 'stream') report = await runLongStream(pages, Number(values.stream), Number(values['stream-budget']), Number(values['stream-workers']));
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }

  const quick = values.quick;
  const only = new Set((values.only ?? 'throughput,ladder,stream').split(','));
  const streamTotal = Number(values.stream ?? (quick ? 1000 : 10_000));
  const streamBudget = Number(values['stream-budget'] ?? (quick ? 60 : 120));
  const sizes = quick ? [10, 100, 1000] : [10, 30, 100, 300, 1000, 3000, 10_000];
  const passthrough = [evalDir, '--passes', String(PASSES)];
  console.log(`bench:perf on ${pages.length} zyte pages from ${evalDir}${quick ? ' (quick)' : ''}; Node ${process.version}`);

  /** declutter on linkedom, one thread, from this run's throughput part (the stream's two workers are compared to it). */
  let oneThread: ModeReport | undefined;
  if (only.has('throughput')) {
    const modes: Mode[] = quick
      ? ['readability-jsdom', 'readability-linkedom', 'postlight', 'declutter-linkedom', 'declutter-linkedom-w2']
      : (Object.keys(MODES) as Mode[]);
    const reports: ModeReport[] = [];
    for (const mode of modes) {
      process.stderr.write(`  measuring ${MODES[mode]}...\n`);
      reports.push(await runChild<ModeReport>([...passthrough, '--child', `mode:${mode}`]));
    }
    const base = reports.find((r) => r.mode === 'readability-jsdom')!;
    const rows = [['mode', 'pages/s', 'x bare jsdom', 'median ms', 'p95 ms', 'peak RSS MB', 'F1']];
    for (const r of reports) {
      rows.push([MODES[r.mode], fmt(r.pagesPerSec), fmt(r.pagesPerSec / base.pagesPerSec, 2), fmt(r.medianMs, 0), fmt(r.p95Ms, 0), fmt(r.peakRssMb, 0), fmt(r.f1, 3)]);
    }
    console.log(`\nThroughput (${pages.length} pages x ${PASSES} passes after ${WARM_PAGES} warm-up pages; worker modes report wall-clock pages/s only)`);
    console.log(table(rows));
    const by = (m: Mode) => reports.find((r) => r.mode === m);
    const one = by('declutter-linkedom');
    oneThread = one;
    const two = by('declutter-linkedom-w2');
    const pl = by('postlight');
    if (one) {
      console.log(`  declutter (linkedom, 1 thread) / bare Readability on jsdom: ${fmt(one.pagesPerSec / base.pagesPerSec, 2)}x (target >= 7)`);
      if (pl) console.log(`  declutter (linkedom, 1 thread) / Postlight Parser: ${fmt(one.pagesPerSec / pl.pagesPerSec, 2)}x (target >= 1.3)`);
    }
    // Each worker warms its own JIT on its half of these few hundred pages; the target is judged on the long stream.
    if (one && two) console.log(`  2 workers / 1 thread (linkedom), these ${two.pages} pages: ${fmt(two.pagesPerSec / one.pagesPerSec, 2)}x (the 1.6x target: the long stream below)`);
    const jOne = by('declutter-jsdom');
    const jTwo = by('declutter-jsdom-w2');
    if (jOne && jTwo) console.log(`  2 workers / 1 thread (jsdom): ${fmt(jTwo.pagesPerSec / jOne.pagesPerSec, 2)}x`);
  }

  if (only.has('ladder')) {
    process.stderr.write(`  measuring the size ladder (${values['ladder-dom']})...\n`);
    const points = await runChild<LadderPoint[]>([...passthrough, '--child', 'ladder', '--sizes', sizes.join(','), '--ladder-dom', values['ladder-dom']!]);
    console.log(`\nCost against page size (declutter, ${values['ladder-dom']}, 1 thread; synthetic pages from a real article's paragraphs)`);
    const rows = [['size KB', 'runs', 'median ms', 'ms per KB']];
    for (const p of points) rows.push([fmt(p.kb, 0), String(p.reps), fmt(p.medianMs, 1), fmt(p.msPerKb, 3)]);
    console.log(table(rows));
    const near = (kb: number) => points.reduce((best, p) => (Math.abs(p.kb - kb) < Math.abs(best.kb - kb) ? p : best));
    const small = near(100);
    const large = points.at(-1)!;
    console.log(`  ms per KB at ${fmt(large.kb, 0)} KB / at ${fmt(small.kb, 0)} KB: ${fmt(large.msPerKb / small.msPerKb, 2)} (target <= 1.5)`);
  }

  if (only.has('stream')) {
    const workers = Number(values['stream-workers']);
    process.stderr.write(`  streaming ${streamTotal} pages through cleanStream({ workers: ${workers} })...\n`);
    const s = await runChild<StreamReport>([
      ...passthrough,
      '--child',
      'stream',
      '--stream',
      String(streamTotal),
      '--stream-budget',
      String(streamBudget),
      '--stream-workers',
      String(workers),
    ]);
    const half = s.samples.filter((x) => x.page > s.pages / 2);
    const peak = Math.max(...s.samples.map((x) => x.rssMb));
    console.log(`\nRSS over a ${s.pages}-page stream (zyte pages repeated; cleanStream, ${s.workers} workers; whole process: main thread + workers)`);
    const marks = [0.1, 0.25, 0.5, 0.75, 1].map((f) => s.samples[Math.max(0, Math.ceil(s.samples.length * f) - 1)]!);
    console.log(table([['page', 'RSS MB'], ...marks.map((m) => [String(m.page), fmt(m.rssMb, 0)])]));
    console.log(`  ${fmt(s.pages / s.seconds)} pages/s; peak RSS ${fmt(peak, 0)} MB (${fmt(peak / Math.max(1, s.workers), 0)} MB per worker, main thread included)`);
    if (oneThread) {
      console.log(`  ${s.workers} workers over the whole stream (start-up included) / 1 thread (linkedom, warm, throughput above): ${fmt(s.pages / s.seconds / oneThread.pagesPerSec, 2)}x`);
    }
    console.log(`  last half: slope ${fmt(slopePerThousand(half), 2)} MB per 1,000 pages; first/last sample of the half ${fmt(half[0]?.rssMb, 0)} / ${fmt(half.at(-1)?.rssMb, 0)} MB`);
    if (s.stoppedByBudget) {
      console.log(`  stopped after ${s.pages} of ${streamTotal} pages by the ${streamBudget} s budget (--stream-budget 0 runs them all)`);
    }
    if (workers > 0 && !values['no-stream-one']) {
      // The same stream in one thread, in its own process, over as many pages as the workers cleaned: a batch's
      // two ways to run, each from a cold start (start-up, rule loading and every isolate's JIT warm-up included).
      process.stderr.write(`  streaming the same ${s.pages} pages through cleanStream() in one thread...\n`);
      const one = await runChild<StreamReport>([...passthrough, '--child', 'stream', '--stream', String(s.pages), '--stream-budget', '0', '--stream-workers', '0']);
      const onePeak = Math.max(...one.samples.map((x) => x.rssMb));
      console.log(`  the same ${one.pages} pages in one thread (cleanStream, no workers): ${fmt(one.pages / one.seconds)} pages/s; peak RSS ${fmt(onePeak, 0)} MB`);
      console.log(`  ${s.workers} workers / 1 thread over the same ${s.pages}-page stream: ${fmt(s.pages / s.seconds / (one.pages / one.seconds), 2)}x (target >= 1.6)`);
    }
  }
}

await main();
