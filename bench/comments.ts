/**
 * Comments bench: does declutter keep reader comments out of the body and return them as items?
 *
 *   npm run bench:comments -- [eval dir] [--limit N] [--set dragnet|trafilatura|all] [--dom linkedom|jsdom] [--worst N]
 *                              [--save scores.json]
 *
 * On ../shared/eval/dragnet (pages with `article` and `comments` truth) it prints, beside bare Readability on jsdom
 * run in the same process on the same decoded pages:
 *   - article shingle F1 (all pages),
 *   - comment shingle F1 on pages that have comments (declutter only: Readability has no comment output), scored
 *     on each comment as printed (its `header`, `text` and `footer`: the truth keeps each comment's byline and
 *     date lines as the page shows them), on the author and text, and on the text alone,
 *   - comment leak: share of the truth comments' shingles found in the body, summed over the set,
 *   - pages whose body came out empty.
 * On the trafilatura pages whose cases carry `comments_meta` snippets: snippets found in comments.items, snippets
 * leaked into the body, and the with/without snippet F1 of the body.
 * Per set it ends with a summary line (leak, comment F1 on `text` alone and with header/footer) and the ten pages
 * that leak most (ids only; `--worst N` prints N with their scores).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { clean, decodeHtml, type CleanResult, type DomName } from '../dist/index.js';
import { readabilityText } from './lib/baseline.js';
import { aggregate, normaliseSpace, scorePage, shingleCoverage, snippetCounts, type PageScore } from './lib/score.js';

interface Args {
  dir: string;
  limit?: number;
  /** Write per-page scores here (JSON), to compare two runs. */
  save?: string;
  set: 'dragnet' | 'trafilatura' | 'all';
  dom: DomName;
  worst: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: resolve(process.cwd(), '../shared/eval'), set: 'all', dom: 'linkedom', worst: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--limit') args.limit = Number(next());
    else if (a === '--set') args.set = next() as Args['set'];
    else if (a === '--dom') args.dom = next() as DomName;
    else if (a === '--worst') args.worst = Number(next());
    else if (a === '--save') args.save = next();
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.dir = resolve(a);
  }
  return args;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DATE_LINE_RE = new RegExp(`\\b(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\.?\\s+${MONTH}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d+\\s+(?:minutes?|hours?|days?)\\s+ago)\\b`, 'i');

/**
 * The truth's comments without their meta lines (short lines with a date: "Ann says: May 3, 2012 at 9:15 am").
 * The truth keeps each comment's byline and date as the page printed them, while comments.items carries the
 * date as ISO 8601 in its own field; this variant shows how much of the gap that accounts for.
 */
function withoutMetaLines(truth: string): string {
  return truth
    .split('\n')
    .filter((line) => !(line.trim().length <= 100 && DATE_LINE_RE.test(line)))
    .join('\n');
}

type Rendering = 'printed' | 'author' | 'text';

/**
 * The comments as one text, from the fields clean() returns: `printed` is each comment as the page shows it
 * (its header lines, text and footer lines, which is what the Dragnet truth holds); `author` the author's
 * name then the text; `text` the text alone.
 */
function commentText(r: CleanResult, how: Rendering): string {
  return r.comments.items
    .map((c) => {
      if (how === 'printed') return [c.header, c.text, c.footer].filter(Boolean).join('\n');
      return how === 'author' && c.author ? `${c.author}\n${c.text}` : c.text;
    })
    .join('\n\n');
}

function pct(n: number): string {
  return `${(100 * n).toFixed(2)}%`;
}

function f3(n: number): string {
  return n.toFixed(3);
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

async function benchDragnet(args: Args): Promise<void> {
  const dir = join(args.dir, 'dragnet');
  const gt = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { article?: string; comments?: string; html_file?: string }>;
  let ids = Object.keys(gt).sort();
  if (args.limit) ids = ids.slice(0, args.limit);

  const art = { ours: [] as PageScore[], base: [] as PageScore[] };
  const com = { printed: [] as PageScore[], withAuthor: [] as PageScore[], textOnly: [] as PageScore[], noMeta: [] as PageScore[] };
  const leak = { ours: { found: 0, total: 0 }, base: { found: 0, total: 0 } };
  const empty = { ours: 0, base: 0 };
  const status = new Map<string, number>();
  const perPage: Array<{ id: string; f1: number; leak: number; items: number; status: string }> = [];
  let withComments = 0;
  let detected = 0;
  let falseComments = 0;
  const started = Date.now();

  for (const id of ids) {
    const v = gt[id]!;
    const bytes = new Uint8Array(readFileSync(join(dir, v.html_file ?? join('HTML', `${id}.html`))));
    const truthArticle = v.article ?? '';
    const truthComments = (v.comments ?? '').trim();
    const ours = await clean({ id, html: bytes }, { dom: args.dom });
    await turn();
    const html = decodeHtml(bytes).text;
    const base = readabilityText(html);
    await turn();

    art.ours.push(scorePage(ours.text, truthArticle));
    art.base.push(scorePage(base, truthArticle));
    if (!ours.text.trim()) empty.ours++;
    if (!base.trim()) empty.base++;
    const key = ours.comments.provider ? `${ours.comments.status} (${ours.comments.provider})` : ours.comments.status;
    status.set(key, (status.get(key) ?? 0) + 1);

    if (truthComments) {
      withComments++;
      if (ours.comments.items.length) detected++;
      const s = scorePage(commentText(ours, 'printed'), truthComments);
      com.printed.push(s);
      com.withAuthor.push(scorePage(commentText(ours, 'author'), truthComments));
      com.textOnly.push(scorePage(commentText(ours, 'text'), truthComments));
      com.noMeta.push(scorePage(commentText(ours, 'author'), withoutMetaLines(truthComments)));
      const lo = shingleCoverage(truthComments, ours.text);
      const lb = shingleCoverage(truthComments, base);
      leak.ours.found += lo.found;
      leak.ours.total += lo.total;
      leak.base.found += lb.found;
      leak.base.total += lb.total;
      const f1 = s.tp ? (2 * s.tp) / (2 * s.tp + s.fp + s.fn) : 0;
      perPage.push({ id, f1, leak: lo.total ? lo.found / lo.total : 0, items: ours.comments.items.length, status: ours.comments.status });
    } else if (ours.comments.items.length) falseComments++;
  }

  if (args.save) writeFileSync(args.save, JSON.stringify(perPage, null, 1));
  const secs = (Date.now() - started) / 1000;
  const a = aggregate(art.ours);
  const b = aggregate(art.base);
  const cp = aggregate(com.printed);
  const cw = aggregate(com.withAuthor);
  const ct = aggregate(com.textOnly);
  const cm = aggregate(com.noMeta);
  const w = [44, 12, 18];
  console.log(`\ndragnet: ${ids.length} pages (${withComments} with comments), dom ${args.dom}, ${secs.toFixed(0)} s`);
  console.log(row(['', 'declutter', 'bare Readability'], w));
  console.log(row(['article shingle F1 (all pages)', f3(a.f1), f3(b.f1)], w));
  console.log(row(['  precision / recall', `${f3(a.precision)}/${f3(a.recall)}`, `${f3(b.precision)}/${f3(b.recall)}`], w));
  console.log(row([`comment F1, as printed (${withComments} pages)`, f3(cp.f1), '-'], w));
  console.log(row(['  precision / recall', `${f3(cp.precision)}/${f3(cp.recall)}`, '-'], w));
  console.log(row(['comment F1, text + header/footer = as printed', f3(cp.f1), '-'], w));
  console.log(row(['comment F1, author + text', f3(cw.f1), '-'], w));
  console.log(row(['  precision / recall', `${f3(cw.precision)}/${f3(cw.recall)}`, '-'], w));
  console.log(row(['comment F1, text only', f3(ct.f1), '-'], w));
  console.log(row(['comment F1, author + text, truth w/o date lines', f3(cm.f1), '-'], w));
  console.log(row(['comment leak into body (summed)', pct(leak.ours.found / (leak.ours.total || 1)), pct(leak.base.found / (leak.base.total || 1))], w));
  console.log(row(['pages with an empty body', String(empty.ours), String(empty.base)], w));
  console.log(row(['pages with comments where items were found', `${detected}/${withComments}`, '-'], w));
  console.log(row(['pages without comments given items', String(falseComments), '-'], w));
  console.log(`comments.status: ${[...status].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const leakiest = [...perPage].sort((x, y) => y.leak - x.leak || x.id.localeCompare(y.id)).filter((p) => p.leak > 0);
  console.log(`summary dragnet: leak ${pct(leak.ours.found / (leak.ours.total || 1))}, comment F1 text ${f3(ct.f1)}, text + header/footer ${f3(cp.f1)}`);
  console.log(`ten worst by leak: ${leakiest.slice(0, 10).map((p) => p.id).join(' ') || '(none leak)'}`);
  if (args.worst) {
    console.log(`\nworst ${args.worst} pages with comments (comment F1, leak, items, status):`);
    for (const p of perPage.sort((x, y) => x.f1 - y.f1).slice(0, args.worst)) console.log(`  ${p.id.padEnd(8)} F1 ${f3(p.f1)}  leak ${pct(p.leak)}  items ${p.items}  ${p.status}`);
    console.log(`\nmost leaking pages:`);
    for (const p of [...perPage].sort((x, y) => y.leak - x.leak).slice(0, args.worst).filter((p) => p.leak > 0)) console.log(`  ${p.id.padEnd(8)} leak ${pct(p.leak)}  F1 ${f3(p.f1)}  items ${p.items}`);
  }
}

async function benchTrafilatura(args: Args): Promise<void> {
  const dir = join(args.dir, 'trafilatura');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<
    string,
    { url?: string; html_file?: string; with?: string[]; without?: string[]; comments_meta?: string[] }
  >;
  let ids = Object.keys(cases)
    .filter((k) => (cases[k]!.comments_meta ?? []).length > 0)
    .sort();
  if (args.limit) ids = ids.slice(0, args.limit);
  const sums = {
    ours: { tp: 0, fn: 0, fp: 0, found: 0, leaked: 0, empty: 0 },
    base: { tp: 0, fn: 0, fp: 0, found: 0, leaked: 0, empty: 0 },
  };
  let snippets = 0;
  const leakedBy: Array<{ id: string; leaked: number }> = [];
  let foundText = 0;
  for (const id of ids) {
    const c = cases[id]!;
    const bytes = new Uint8Array(readFileSync(join(dir, c.html_file ?? join('html', id))));
    const ours = await clean({ id, url: c.url, html: bytes }, { dom: args.dom });
    await turn();
    const base = readabilityText(decodeHtml(bytes).text, c.url);
    await turn();
    const comments = normaliseSpace(commentText(ours, 'printed'));
    const bodyText = normaliseSpace(ours.text);
    leakedBy.push({ id, leaked: (c.comments_meta ?? []).filter((s) => bodyText.includes(normaliseSpace(s))).length });
    // The snippets are pieces of the comments' text: found in the items' text alone, or as printed.
    const textOnly = normaliseSpace(commentText(ours, 'text'));
    foundText += (c.comments_meta ?? []).filter((s) => textOnly.includes(normaliseSpace(s))).length;
    for (const [name, body] of [['ours', ours.text], ['base', base]] as const) {
      const s = snippetCounts(body, c.with ?? [], c.without ?? []);
      const t = sums[name];
      t.tp += s.tp;
      t.fn += s.fn;
      t.fp += s.fp;
      if (!body.trim()) t.empty++;
      const text = normaliseSpace(body);
      for (const snip of c.comments_meta ?? []) if (text.includes(normaliseSpace(snip))) t.leaked++;
    }
    for (const snip of c.comments_meta ?? []) {
      snippets++;
      if (comments.includes(normaliseSpace(snip))) sums.ours.found++;
    }
  }
  const f1 = (t: { tp: number; fn: number; fp: number }) => (2 * t.tp) / (2 * t.tp + t.fp + t.fn || 1);
  const w = [44, 12, 18];
  console.log(`\ntrafilatura pages with comment snippets: ${ids.length} pages, ${snippets} snippets, dom ${args.dom}`);
  console.log(row(['', 'declutter', 'bare Readability'], w));
  console.log(row(['body snippet F1 (with/without)', f3(f1(sums.ours)), f3(f1(sums.base))], w));
  console.log(row(['comment snippets found in comments.items', `${sums.ours.found}/${snippets}`, '-'], w));
  console.log(row(['comment snippets leaked into the body', `${sums.ours.leaked}/${snippets}`, `${sums.base.leaked}/${snippets}`], w));
  console.log(row(['pages with an empty body', String(sums.ours.empty), String(sums.base.empty)], w));
  // Snippets are pieces of the truth, not the whole comments: recall is what they can measure (no F1 here).
  console.log(row(['comment snippets found, items\' text only', `${foundText}/${snippets}`, '-'], w));
  console.log(`summary trafilatura: leak ${sums.ours.leaked}/${snippets} snippets, found in text ${foundText}/${snippets}, in text + header/footer ${sums.ours.found}/${snippets} (snippets: recall only)`);
  const leakiest = leakedBy.filter((p) => p.leaked > 0).sort((x, y) => y.leaked - x.leaked || x.id.localeCompare(y.id));
  console.log(`ten worst by leak: ${leakiest.slice(0, 10).map((p) => p.id).join(' ') || '(none leak)'}`);
}

const args = parseArgs(process.argv.slice(2));
if (args.set !== 'trafilatura') await benchDragnet(args);
if (args.set !== 'dragnet') await benchTrafilatura(args);
