/**
 * Quality bench: declutter against the ground truth of the evaluation sets, beside bare Readability (jsdom,
 * same process, same pages) and the published outputs of other extractors, all scored the same way.
 *
 *   npm run bench:quality -- [eval dir] [--set zyte,fundus] [--limit N] [--dom jsdom|linkedom] [--no-baseline]
 *
 * Prints one table per set and the pages where declutter loses most, and writes every number to
 * bench/results/quality.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setImmediate as tick } from 'node:timers/promises';
import { createCleaner, decodeHtml, type CleanOptions, type CleanResult, type DomName, type PageInput } from '../dist/index.js';
import { aggregate, scorePage, snippetCounts, snippetRate, wordScore, type PageScore, type SetScore } from './lib/score.js';
import { sampleRuns, unmatchedRuns } from './lib/diff.js';
import { readabilityText } from './lib/baseline.js';
import {
  loadDragnet,
  loadFundus,
  loadPeers,
  loadTrafilatura,
  loadWcxbArticles,
  loadZyte,
  readPage,
  SET_NAMES,
  type SetName,
  type SnippetCase,
  type TextCase,
} from './lib/sets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  evalDir: string;
  sets: SetName[];
  limit?: number;
  dom?: DomName;
  baseline: boolean;
  worst: number;
  out: string;
}

function parseCli(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      set: { type: 'string' },
      limit: { type: 'string' },
      dom: { type: 'string' },
      'no-baseline': { type: 'boolean', default: false },
      worst: { type: 'string', default: '10' },
      out: { type: 'string' },
    },
  });
  const sets = (values.set ? values.set.split(',') : [...SET_NAMES]).map((s) => s.trim()) as SetName[];
  for (const s of sets) if (!SET_NAMES.includes(s)) throw new Error(`unknown set "${s}" (sets: ${SET_NAMES.join(', ')})`);
  if (values.dom && values.dom !== 'jsdom' && values.dom !== 'linkedom') throw new Error(`--dom must be jsdom or linkedom, not "${values.dom}"`);
  const limit = values.limit ? Number(values.limit) : undefined;
  if (limit !== undefined && !(limit > 0)) throw new Error(`--limit must be a positive number`);
  return {
    evalDir: resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval')),
    sets,
    limit,
    dom: values.dom as DomName | undefined,
    baseline: !values['no-baseline'],
    worst: Number(values.worst),
    out: resolve(values.out ?? join(ROOT, 'bench', 'results', 'quality.json')),
  };
}

// ---------------------------------------------------------------------------------------------- running

interface Cleaner {
  clean(page: PageInput): Promise<CleanResult>;
}

function makeCleaner(options: CleanOptions): Cleaner {
  return createCleaner(options);
}

interface Run {
  text: string;
  ms: number;
  warnings?: string[];
  error?: string;
  removed?: number;
}

async function runDeclutter(cleaner: Cleaner, id: string, bytes: Uint8Array, url: string | undefined): Promise<Run> {
  const t0 = performance.now();
  try {
    const r = await cleaner.clean({ id, url, html: bytes });
    return {
      text: r.text,
      ms: performance.now() - t0,
      warnings: r.warnings,
      removed: r.removed.length,
      error: r.error ? `${r.error.code}: ${r.error.message}` : undefined,
    };
  } catch (e) {
    return { text: '', ms: performance.now() - t0, error: `threw: ${(e as Error).message}` };
  }
}

function runBaseline(bytes: Uint8Array, url: string | undefined): Run {
  const t0 = performance.now();
  const text = readabilityText(decodeHtml(bytes).text, url);
  return { text, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------- scoring

interface PageF1 {
  p: number;
  r: number;
  f1: number;
}

function pageF1(s: PageScore): PageF1 {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : s.fn ? 0 : 1;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : s.fp ? 0 : 1;
  const f1 = 2 * s.tp + s.fp + s.fn ? (2 * s.tp) / (2 * s.tp + s.fp + s.fn) : 1;
  return { p, r, f1 };
}

interface TextPageRecord {
  id: string;
  url?: string;
  declutter: PageF1;
  outlet?: PageF1;
  readability?: PageF1;
  missed: string[];
  extra: string[];
  warnings?: string[];
  error?: string;
}

/** How many pages carried each kind of warning (the text before any number or colon). */
type WarningCounts = Record<string, number>;

function countWarning(counts: WarningCounts, warnings: string[] | undefined): void {
  for (const w of warnings ?? []) {
    const kind = w.split(/[:\d]/)[0]!.trim();
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
}

function warningLine(counts: WarningCounts): string {
  const parts = Object.entries(counts).map(([k, n]) => `${k} on ${n}`);
  return parts.length ? `\ndeclutter warnings: ${parts.join('; ')}` : '';
}

interface TextSetResult {
  kind: 'text';
  pages: number;
  warnings: WarningCounts;
  systems: Record<string, SetScore>;
  seconds: Record<string, number>;
  errors: number;
  worst: TextPageRecord[];
  perPage: TextPageRecord[];
}

interface SnippetTotals {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  leaked: number;
  lost: number;
}

interface SnippetPageRecord {
  id: string;
  url?: string;
  leaked: string[];
  lost: string[];
  readability?: { leaked: number; lost: number };
  error?: string;
}

interface SnippetSetResult {
  kind: 'snippets';
  pages: number;
  warnings: WarningCounts;
  systems: Record<string, SnippetTotals>;
  seconds: Record<string, number>;
  errors: number;
  worst: SnippetPageRecord[];
  perPage: SnippetPageRecord[];
}

function snippetTotals(all: Array<ReturnType<typeof snippetCounts>>): SnippetTotals {
  const t = all.reduce((a, c) => ({ tp: a.tp + c.tp, fn: a.fn + c.fn, fp: a.fp + c.fp, tn: a.tn + c.tn }), { tp: 0, fn: 0, fp: 0, tn: 0 });
  const precision = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 0;
  const recall = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 0;
  const f1 = 2 * t.tp + t.fp + t.fn ? (2 * t.tp) / (2 * t.tp + t.fp + t.fn) : 0;
  return { ...t, precision, recall, f1, leaked: t.fp, lost: t.fn };
}

// ---------------------------------------------------------------------------------------------- sets

const TEXT_LOADERS: Record<Exclude<SetName, 'trafilatura' | 'wcxb'>, (dir: string) => TextCase[]> = {
  zyte: loadZyte,
  fundus: loadFundus,
  dragnet: loadDragnet,
};

async function benchTextSet(name: Exclude<SetName, 'trafilatura' | 'wcxb'>, args: Args, cleaners: Cleaners): Promise<TextSetResult> {
  const dir = join(args.evalDir, name);
  let cases = TEXT_LOADERS[name](dir);
  if (args.limit) cases = cases.slice(0, args.limit);
  const withOutlet = name === 'fundus';
  const scores: Record<string, PageScore[]> = { declutter: [] };
  const seconds: Record<string, number> = { declutter: 0 };
  if (withOutlet) {
    scores['declutter +outlet rules'] = [];
    seconds['declutter +outlet rules'] = 0;
  }
  if (args.baseline) {
    scores['readability (bare, jsdom)'] = [];
    seconds['readability (bare, jsdom)'] = 0;
  }
  const records: TextPageRecord[] = [];
  const warnings: WarningCounts = {};
  let errors = 0;
  for (const [i, c] of cases.entries()) {
    progress(name, i, cases.length);
    const bytes = readPage(c.file);
    // Fundus is the one set where the outlet rules matter; its main column is the generic pipeline.
    const d = await runDeclutter(withOutlet ? cleaners.generic : cleaners.full, c.id, bytes, c.url);
    seconds['declutter']! += d.ms / 1000;
    if (d.error) errors++;
    countWarning(warnings, d.warnings);
    const ds = scorePage(d.text, c.truth);
    scores['declutter']!.push(ds);
    const rec: TextPageRecord = {
      id: c.id,
      url: c.url,
      declutter: pageF1(ds),
      missed: sampleRuns(unmatchedRuns(c.truth, d.text)),
      extra: sampleRuns(unmatchedRuns(d.text, c.truth)),
      warnings: d.warnings?.length ? d.warnings : undefined,
      error: d.error,
    };
    if (withOutlet) {
      const o = await runDeclutter(cleaners.full, c.id, bytes, c.url);
      seconds['declutter +outlet rules']! += o.ms / 1000;
      const os = scorePage(o.text, c.truth);
      scores['declutter +outlet rules']!.push(os);
      rec.outlet = pageF1(os);
    }
    if (args.baseline) {
      const b = runBaseline(bytes, c.url);
      seconds['readability (bare, jsdom)']! += b.ms / 1000;
      const bs = scorePage(b.text, c.truth);
      scores['readability (bare, jsdom)']!.push(bs);
      rec.readability = pageF1(bs);
    }
    records.push(rec);
    // jsdom frees a document only once the event loop gets a turn.
    await tick();
  }
  progressDone();
  const systems: Record<string, SetScore> = {};
  for (const [k, v] of Object.entries(scores)) systems[k] = aggregate(v);
  const ids = new Set(cases.map((c) => c.id));
  for (const [peer, texts] of loadPeers(dir)) {
    systems[`peer: ${peer}`] = aggregate(cases.filter((c) => ids.has(c.id)).map((c) => scorePage(texts.get(c.id) ?? '', c.truth)));
  }
  const worst = [...records].sort((a, b) => a.declutter.f1 - b.declutter.f1).slice(0, args.worst);
  return { kind: 'text', pages: cases.length, warnings, systems, seconds, errors, worst, perPage: records };
}

async function benchSnippetSet(args: Args, cleaners: Cleaners): Promise<SnippetSetResult> {
  const dir = join(args.evalDir, 'trafilatura');
  let cases: SnippetCase[] = loadTrafilatura(dir);
  if (args.limit) cases = cases.slice(0, args.limit);
  const counts: Array<ReturnType<typeof snippetCounts>> = [];
  const baseCounts: Array<ReturnType<typeof snippetCounts>> = [];
  const seconds: Record<string, number> = { declutter: 0 };
  const records: SnippetPageRecord[] = [];
  const warnings: WarningCounts = {};
  let errors = 0;
  for (const [i, c] of cases.entries()) {
    progress('trafilatura', i, cases.length);
    const bytes = readPage(c.file);
    const d = await runDeclutter(cleaners.full, c.id, bytes, c.url);
    seconds['declutter']! += d.ms / 1000;
    if (d.error) errors++;
    countWarning(warnings, d.warnings);
    const sc = snippetCounts(d.text, c.with, c.without);
    counts.push(sc);
    const rec: SnippetPageRecord = { id: c.id, url: c.url, leaked: sc.leaked, lost: sc.lost, error: d.error };
    if (args.baseline) {
      const b = runBaseline(bytes, c.url);
      seconds['readability (bare, jsdom)'] = (seconds['readability (bare, jsdom)'] ?? 0) + b.ms / 1000;
      const bc = snippetCounts(b.text, c.with, c.without);
      baseCounts.push(bc);
      rec.readability = { leaked: bc.fp, lost: bc.fn };
    }
    records.push(rec);
    await tick();
  }
  progressDone();
  const systems: Record<string, SnippetTotals> = { declutter: snippetTotals(counts) };
  if (args.baseline) systems['readability (bare, jsdom)'] = snippetTotals(baseCounts);
  const worst = [...records]
    .filter((r) => r.leaked.length + r.lost.length > 0)
    .sort((a, b) => b.leaked.length + b.lost.length - (a.leaked.length + a.lost.length))
    .slice(0, args.worst);
  return { kind: 'snippets', pages: cases.length, warnings, systems, seconds, errors, worst, perPage: records };
}

interface WordTotals {
  precision: number;
  recall: number;
  f1: number;
  /** Mean share of the `with` snippets found (pages that have some). */
  withRate: number;
  /** Mean share of the `without` snippets found: boilerplate kept (lower is better). */
  withoutRate: number;
}

interface WordPageRecord {
  id: string;
  url?: string;
  declutter: PageF1;
  readability?: PageF1;
  missed: string[];
  extra: string[];
  error?: string;
}

interface WordSetResult {
  kind: 'words';
  pages: number;
  warnings: WarningCounts;
  systems: Record<string, WordTotals>;
  seconds: Record<string, number>;
  errors: number;
  worst: WordPageRecord[];
  perPage: WordPageRecord[];
}

/** WCXB: word-bag F1 per page and the with/without snippet rates, averaged over pages (the set's method). */
async function benchWordSet(args: Args, cleaners: Cleaners): Promise<WordSetResult> {
  let cases = loadWcxbArticles(join(args.evalDir, 'wcxb'));
  if (args.limit) cases = cases.slice(0, args.limit);
  const names = ['declutter', ...(args.baseline ? ['readability (bare, jsdom)'] : [])];
  const acc = Object.fromEntries(names.map((n) => [n, { p: [] as number[], r: [] as number[], f1: [] as number[], w: [] as number[], wo: [] as number[] }]));
  const seconds: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const records: WordPageRecord[] = [];
  const warnings: WarningCounts = {};
  let errors = 0;
  const add = (name: string, text: string, c: (typeof cases)[number]) => {
    const s = wordScore(text, c.truth);
    const a = acc[name]!;
    a.p.push(s.p);
    a.r.push(s.r);
    a.f1.push(s.f1);
    const w = snippetRate(text, c.with);
    const wo = snippetRate(text, c.without);
    if (w !== undefined) a.w.push(w);
    if (wo !== undefined) a.wo.push(wo);
    return s;
  };
  for (const [i, c] of cases.entries()) {
    progress('wcxb', i, cases.length);
    const bytes = readPage(c.file);
    const d = await runDeclutter(cleaners.full, c.id, bytes, c.url);
    seconds['declutter']! += d.ms / 1000;
    if (d.error) errors++;
    countWarning(warnings, d.warnings);
    const rec: WordPageRecord = {
      id: c.id,
      url: c.url,
      declutter: add('declutter', d.text, c),
      missed: sampleRuns(unmatchedRuns(c.truth, d.text)),
      extra: sampleRuns(unmatchedRuns(d.text, c.truth)),
      error: d.error,
    };
    if (args.baseline) {
      const b = runBaseline(bytes, c.url);
      seconds['readability (bare, jsdom)']! += b.ms / 1000;
      rec.readability = add('readability (bare, jsdom)', b.text, c);
    }
    records.push(rec);
    await tick();
  }
  progressDone();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const systems: Record<string, WordTotals> = {};
  for (const [n, a] of Object.entries(acc)) systems[n] = { precision: mean(a.p), recall: mean(a.r), f1: mean(a.f1), withRate: mean(a.w), withoutRate: mean(a.wo) };
  const worst = [...records].sort((a, b) => a.declutter.f1 - b.declutter.f1).slice(0, args.worst);
  return { kind: 'words', pages: cases.length, warnings, systems, seconds, errors, worst, perPage: records };
}

// ---------------------------------------------------------------------------------------------- printing

function progress(set: string, i: number, n: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${set} ${i + 1}/${n}`);
}
function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

const f3 = (x: number) => x.toFixed(3);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function printTextSet(name: string, r: TextSetResult): void {
  console.log(`\n## ${name} (${r.pages} pages${r.errors ? `, ${r.errors} declutter errors` : ''}; shingle F1; dev pages)\n`);
  const rows = Object.entries(r.systems)
    .sort(([a, x], [b, y]) => ours(b) - ours(a) || y.f1 - x.f1)
    .map(([k, s]) => [k, f3(s.f1), f3(s.precision), f3(s.recall), f3(s.accuracy), r.seconds[k] !== undefined ? r.seconds[k]!.toFixed(1) : '']);
  console.log(table(['system', 'F1', 'precision', 'recall', 'exact', 'seconds'], rows) + warningLine(r.warnings));
  if (!r.worst.length) return;
  console.log(`\nWorst ${r.worst.length} pages for declutter${name === 'fundus' ? ' (outlet rules off)' : ''}:`);
  for (const w of r.worst) {
    const others = [w.outlet ? `+outlet ${f3(w.outlet.f1)}` : '', w.readability ? `readability ${f3(w.readability.f1)}` : ''].filter(Boolean).join(', ');
    console.log(`- ${w.id}  F1 ${f3(w.declutter.f1)} (P ${f3(w.declutter.p)} R ${f3(w.declutter.r)})${others ? `; ${others}` : ''}${w.error ? `  ERROR ${w.error}` : ''}`);
    if (w.url) console.log(`    ${w.url}`);
    for (const m of w.missed) console.log(`    missed: ${m}`);
    for (const e of w.extra) console.log(`    extra:  ${e}`);
    if (w.warnings) console.log(`    warnings: ${w.warnings.join('; ')}`);
  }
}

function printWordSet(r: WordSetResult): void {
  console.log(`\n## wcxb (${r.pages} pages${r.errors ? `, ${r.errors} declutter errors` : ''}; word-bag F1, with/without snippet rates; dev pages)\n`);
  const rows = Object.entries(r.systems).map(([k, s]) => [k, f3(s.f1), f3(s.precision), f3(s.recall), f3(s.withRate), f3(s.withoutRate), r.seconds[k] !== undefined ? r.seconds[k]!.toFixed(1) : '']);
  console.log(table(['system', 'F1', 'precision', 'recall', 'with found', 'without kept', 'seconds'], rows) + warningLine(r.warnings));
  if (!r.worst.length) return;
  console.log(`\nWorst ${r.worst.length} pages for declutter:`);
  for (const w of r.worst) {
    console.log(`- ${w.id}  F1 ${f3(w.declutter.f1)} (P ${f3(w.declutter.p)} R ${f3(w.declutter.r)})${w.readability ? `; readability ${f3(w.readability.f1)}` : ''}${w.error ? `  ERROR ${w.error}` : ''}`);
    if (w.url) console.log(`    ${w.url}`);
    for (const m of w.missed) console.log(`    missed: ${m}`);
    for (const e of w.extra) console.log(`    extra:  ${e}`);
  }
}

/**
 * One line with every set's figure, labelled: these pages are the ones the rules and thresholds were
 * studied on, so they say how declutter does here, not on pages nobody tuned for. The outlet rules were
 * written from the fundus pages themselves: that figure is in-sample.
 */
function summaryLine(results: Record<string, TextSetResult | SnippetSetResult | WordSetResult>): string {
  const parts = Object.entries(results).map(([name, r]) => {
    const d = r.systems['declutter']!;
    const base = r.systems['readability (bare, jsdom)'];
    const vs = base ? ` (bare Readability ${f3(base.f1)})` : '';
    if (r.kind === 'text' && r.systems['declutter +outlet rules']) return `${name} ${f3(d.f1)}${vs}, with outlet rules ${f3(r.systems['declutter +outlet rules'].f1)} (in-sample)`;
    if (r.kind === 'words') return `${name} word F1 ${f3(d.f1)}${vs}, with ${f3((d as WordTotals).withRate)}, without ${f3((d as WordTotals).withoutRate)}`;
    return `${name} ${f3(d.f1)}${vs}`;
  });
  return `dev pages (../shared/eval, studied while tuning; not held out): ${parts.join('; ')}`;
}

function ours(k: string): number {
  return k.startsWith('declutter') ? 2 : k.startsWith('readability') ? 1 : 0;
}

function printSnippetSet(r: SnippetSetResult): void {
  console.log(`\n## trafilatura (${r.pages} pages${r.errors ? `, ${r.errors} declutter errors` : ''}; snippet F1; dev pages)\n`);
  const rows = Object.entries(r.systems).map(([k, s]) => [
    k,
    f3(s.f1),
    f3(s.precision),
    f3(s.recall),
    String(s.tp),
    String(s.fn),
    String(s.fp),
    String(s.tn),
    r.seconds[k] !== undefined ? r.seconds[k]!.toFixed(1) : '',
  ]);
  console.log(table(['system', 'F1', 'precision', 'recall', 'with found', 'with lost', 'without leaked', 'without absent', 'seconds'], rows) + warningLine(r.warnings));
  if (!r.worst.length) return;
  console.log(`\nWorst ${r.worst.length} pages for declutter (most leaked + lost snippets):`);
  for (const w of r.worst) {
    const base = w.readability ? `; readability leaked ${w.readability.leaked}, lost ${w.readability.lost}` : '';
    console.log(`- ${w.id}  leaked ${w.leaked.length}, lost ${w.lost.length}${base}${w.error ? `  ERROR ${w.error}` : ''}`);
    if (w.url) console.log(`    ${w.url}`);
    for (const s of w.lost) console.log(`    lost:   ${cut(s)}`);
    for (const s of w.leaked) console.log(`    leaked: ${cut(s)}`);
  }
}

function cut(s: string, n = 140): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

// ---------------------------------------------------------------------------------------------- main

interface Cleaners {
  /** Every rule layer, as a user gets it. */
  full: Cleaner;
  /** Generic and platform rules only (outlet rules off). */
  generic: Cleaner;
}

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2));
  const base: CleanOptions = args.dom ? { dom: args.dom } : {};
  const cleaners: Cleaners = { full: makeCleaner(base), generic: makeCleaner({ ...base, outletRules: false }) };
  const results: Record<string, TextSetResult | SnippetSetResult | WordSetResult> = {};
  const started = Date.now();
  console.log(`# declutter quality bench\n\neval: ${args.evalDir}; dom: ${args.dom ?? 'default'}; baseline: ${args.baseline ? 'on' : 'off'}${args.limit ? `; limit ${args.limit}` : ''}`);
  for (const set of args.sets) {
    if (set === 'trafilatura') {
      const r = await benchSnippetSet(args, cleaners);
      results[set] = r;
      printSnippetSet(r);
    } else if (set === 'wcxb') {
      const r = await benchWordSet(args, cleaners);
      results[set] = r;
      printWordSet(r);
    } else {
      const r = await benchTextSet(set, args, cleaners);
      results[set] = r;
      printTextSet(set, r);
    }
  }
  console.log(`\n${summaryLine(results)}`);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    `${JSON.stringify({ date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, args: { ...args, out: undefined }, sets: results }, null, 1)}\n`,
  );
  console.log(`\nwrote ${args.out}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
