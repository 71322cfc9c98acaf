/**
 * Which rules remove text the truth keeps: every page of the text-truth sets is cleaned once, and each removal in
 * the audit trail (`removed[]`) is checked against the page's truth. A removal "takes article text" when at least
 * half of its word 4-grams are in the truth. Prints, per rule (or per rule and selector with `--by selector`), how
 * many removals it made, how many took article text, their words, and on which sets; measured on the dev pages.
 *
 *   npx tsx bench/harm.ts [eval dir] [--set zyte,wcxb] [--by selector] [--top 40] [--examples rule] [--min-words 6]
 *
 * Where to look first when a set's figure is low, and a cheaper first pass than `bench/ablate.ts`, which measures
 * what switching a step off is worth. Limits: a removal is read from its preview (its first ~160 characters);
 * duplicate removals always "take" article text (the first copy stays) and are left out; trafilatura's truth is
 * snippets, not text, and the set is not read. A rule high on the list is a lead, not a verdict: the truths
 * differ on what counts (Dragnet keeps bylines and captions, the others do not).
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCleaner } from '../dist/index.js';
import { loadDragnet, loadFundus, loadWcxbArticles, loadZyte, readPage } from './lib/sets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    set: { type: 'string' },
    by: { type: 'string', default: 'rule' },
    top: { type: 'string', default: '40' },
    examples: { type: 'string' },
    'min-words': { type: 'string', default: '6' },
  },
});
const evalDir = resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval'));
const SETS = ['zyte', 'fundus', 'dragnet', 'wcxb'] as const;
type Set = (typeof SETS)[number];
const sets = (values.set ? values.set.split(',') : SETS).filter((s): s is Set => (SETS as readonly string[]).includes(s));
const minWords = Number(values['min-words']);
/** A removal takes article text when this share of its word 4-grams is in the truth. */
const TAKES_SHARE = 0.5;
const GRAM = 4;

const words = (s: string) => s.toLowerCase().replace(/…$/, '').match(/[\p{L}\p{N}]+/gu) ?? [];
function grams(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + GRAM <= ws.length; i++) out.push(ws.slice(i, i + GRAM).join(' '));
  return out;
}

interface Tally {
  key: string;
  removals: number;
  took: number;
  words: number;
  bySet: Partial<Record<Set, number>>;
  examples: string[];
}
const tallies = new Map<string, Tally>();

for (const set of sets) {
  const dir = join(evalDir, set);
  const cases: Array<{ id: string; file: string; url?: string; truth: string }> =
    set === 'zyte' ? loadZyte(dir) : set === 'fundus' ? loadFundus(dir) : set === 'dragnet' ? loadDragnet(dir) : loadWcxbArticles(dir);
  // fundus is scored on the generic pipeline in bench:quality, and read the same way here.
  const cleaner = createCleaner(set === 'fundus' ? { outletRules: false } : {});
  let done = 0;
  for (const c of cases) {
    const truth = new Set(grams(words(c.truth)));
    let removed;
    try {
      removed = (await cleaner.clean({ id: c.id, html: readPage(c.file), ...(c.url ? { url: c.url } : {}) })).removed;
    } catch {
      continue;
    }
    for (const r of removed) {
      if (r.category === 'duplicate') continue;
      const ws = words(r.text);
      if (ws.length < minWords) continue;
      const gs = grams(ws);
      const share = gs.length ? gs.filter((g) => truth.has(g)).length / gs.length : 0;
      const key = values.by === 'selector' ? `${r.rule} [${r.selector ?? ''}]` : r.rule;
      const t = tallies.get(key) ?? { key, removals: 0, took: 0, words: 0, bySet: {}, examples: [] };
      t.removals++;
      if (share >= TAKES_SHARE) {
        t.took++;
        t.words += ws.length;
        t.bySet[set] = (t.bySet[set] ?? 0) + 1;
        if (t.examples.length < 20) t.examples.push(`${set} ${c.id}: ${JSON.stringify(r.text.slice(0, 120))}`);
      }
      tallies.set(key, t);
    }
    if (++done % 200 === 0) process.stderr.write(`${set} ${done}/${cases.length}\n`);
  }
}

console.log(`Removals that take article text (>= ${TAKES_SHARE * 100}% of their word ${GRAM}-grams in the truth), removals of ${minWords}+ words, dev pages: ${sets.join(', ')}`);
console.log(`${'took'.padStart(6)} ${'of'.padStart(6)} ${'words'.padStart(7)}  ${'rule'.padEnd(50)} sets`);
const rows = [...tallies.values()].sort((a, b) => b.took - a.took || b.words - a.words);
for (const t of rows.slice(0, Number(values.top))) {
  const bySet = Object.entries(t.bySet).map(([s, n]) => `${s} ${n}`).join(', ');
  console.log(`${String(t.took).padStart(6)} ${String(t.removals).padStart(6)} ${String(t.words).padStart(7)}  ${t.key.slice(0, 50).padEnd(50)} ${bySet}`);
}
if (values.examples) {
  const t = tallies.get(values.examples);
  console.log(`\n${values.examples}: ${t ? `${t.took} of ${t.removals} took article text; first ${t.examples.length}:` : 'no removals'}`);
  for (const e of t?.examples ?? []) console.log(`  ${e}`);
}
