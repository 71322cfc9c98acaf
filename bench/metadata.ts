/**
 * Metadata bench: title, authors and publish date against the sets that carry them (wcxb: title, author,
 * publish_date; trafilatura: title, author, date), and how often a publish date is found at all on the
 * sets without a truth for it (zyte, fundus, dragnet). Every figure is measured on the shared dev pages.
 *
 *   npm run bench:metadata -- [eval dir] [--set wcxb,trafilatura,zyte,fundus,dragnet] [--limit N] [--worst N --show title|author|date] [--dump per-page.json]
 *
 * A date is right when the published day (the first ten characters of the ISO value, the page's own
 * local day) equals the truth's day; wrong when another day is given; missing when none is.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setImmediate as tick } from 'node:timers/promises';
import { createCleaner, type CleanResult } from '../dist/index.js';
import { loadDragnet, loadFundus, loadTrafilaturaMeta, loadWcxb, loadZyte, readPage, type MetaTruth } from './lib/sets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['wcxb', 'trafilatura', 'zyte', 'fundus', 'dragnet'] as const;
type Set = (typeof ALL)[number];

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { set: { type: 'string' }, limit: { type: 'string' }, worst: { type: 'string', default: '0' }, show: { type: 'string', default: 'date' }, dump: { type: 'string' } },
});
const evalDir = resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval'));
const sets = (values.set ? values.set.split(',').map((s) => s.trim()) : [...ALL]) as Set[];
for (const s of sets) if (!ALL.includes(s)) throw new Error(`unknown set "${s}" (sets: ${ALL.join(', ')})`);
const limit = values.limit ? Number(values.limit) : undefined;
const worst = Number(values.worst);
const show = values.show as 'title' | 'author' | 'date';
const dump: Record<string, { title?: string; authors: string[]; published?: string; modified?: string }> = {};

interface Page {
  id: string;
  file: string;
  url?: string;
  meta?: MetaTruth;
}

function pagesOf(set: Set): Page[] {
  const dir = join(evalDir, set);
  const pages: Page[] =
    set === 'wcxb' ? loadWcxb(dir) : set === 'trafilatura' ? loadTrafilaturaMeta(dir) : set === 'zyte' ? loadZyte(dir) : set === 'fundus' ? loadFundus(dir) : loadDragnet(dir);
  return limit ? pages.slice(0, limit) : pages;
}

/** Lower case, letters and digits only: "The Title — Site" and "the title site" compare equal. */
const norm = (s: unknown) => String(s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function authorMatches(truth: unknown, authors: string[]): boolean {
  const t = norm(truth);
  if (!t || !authors.length) return false;
  return authors.some((a) => {
    const n = norm(a);
    return n.length > 2 && (n === t || t.includes(n) || n.includes(t));
  });
}

interface Tally {
  right: number;
  wrong: number;
  missing: number;
}
const tally = (): Tally => ({ right: 0, wrong: 0, missing: 0 });
function add(t: Tally, given: boolean, right: boolean): void {
  if (!given) t.missing++;
  else if (right) t.right++;
  else t.wrong++;
}
function line(name: string, t: Tally): string {
  const n = t.right + t.wrong + t.missing;
  const pct = (x: number) => (n ? ((100 * x) / n).toFixed(1) : '0.0').padStart(5);
  return `${name.padEnd(9)} ${String(n).padStart(5)}  right ${pct(t.right)}%  wrong ${pct(t.wrong)}%  missing ${pct(t.missing)}%`;
}

const cleaner = createCleaner();
console.log(`# metadata (shared dev pages: ${evalDir})`);
for (const set of sets) {
  const pages = pagesOf(set);
  const title = tally();
  const author = tally();
  const date = tally();
  let found = 0;
  const bad: string[] = [];
  for (const [i, p] of pages.entries()) {
    if (process.stderr.isTTY) process.stderr.write(`\r${set} ${i + 1}/${pages.length}`);
    let r: CleanResult;
    try {
      r = await cleaner.clean({ id: p.id, url: p.url, html: readPage(p.file) });
    } catch (e) {
      r = { authors: [], text: '', error: { code: 'THREW', message: (e as Error).message } } as unknown as CleanResult;
    }
    dump[`${set}/${p.id}`] = { title: r.title, authors: r.authors, published: r.published, modified: r.modified };
    if (r.published) found++;
    const m = p.meta;
    if (m?.title) {
      add(title, !!r.title, norm(r.title) === norm(m.title));
      if (norm(r.title) !== norm(m.title) && show === 'title' && bad.length < worst) bad.push(`${p.id}: truth ${JSON.stringify(m.title)}, ours ${JSON.stringify(r.title)}`);
    }
    if (m?.author) {
      add(author, r.authors.length > 0, authorMatches(m.author, r.authors));
      if (!authorMatches(m.author, r.authors) && show === 'author' && bad.length < worst) bad.push(`${p.id}: truth ${JSON.stringify(m.author)}, ours ${JSON.stringify(r.authors)}`);
    }
    if (m?.date) {
      const day = r.published?.slice(0, 10);
      add(date, !!day, day === m.date.slice(0, 10));
      if (day !== m.date.slice(0, 10) && show === 'date' && bad.length < worst) bad.push(`${p.id}: truth ${m.date.slice(0, 10)}, published ${r.published ?? '-'}, modified ${r.modified ?? '-'}`);
    }
    await tick();
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  console.log(`\n## ${set} (${pages.length} pages; a publish date found on ${found}, ${((100 * found) / Math.max(1, pages.length)).toFixed(1)}%)`);
  if (title.right + title.wrong + title.missing) console.log(line('title', title));
  if (author.right + author.wrong + author.missing) console.log(line('author', author));
  if (date.right + date.wrong + date.missing) console.log(line('date', date));
  for (const b of bad) console.log(`  ${b}`);
}
if (values.dump) writeFileSync(values.dump, JSON.stringify(dump, null, 1));
