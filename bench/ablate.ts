/**
 * Ablation: what each post-clean step, the standfirst restore and each phrase category is worth on every set.
 * For each name, the pages where it acted in a first full run are cleaned again with it switched off
 * (`CleanOptions.disable`); a page where it did not act would come out the same. Prints each set's figure
 * with the step off against the full pipeline, measured in the same run on the dev pages.
 *
 *   npx tsx bench/ablate.ts [eval dir] [--only name,name] [--set zyte,wcxb]
 *
 * A step earns its place when switching it off lowers some set and raises none (issue 12, item 2).
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCleaner, type CleanResult } from '../dist/index.js';
import { aggregate, scorePage, snippetCounts, wordScore, snippetRate, type PageScore } from './lib/score.js';
import { loadDragnet, loadFundus, loadTrafilatura, loadWcxbArticles, loadZyte, readPage, SET_NAMES, type SetName } from './lib/sets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { only: { type: 'string' }, set: { type: 'string' } } });
const evalDir = resolve(positionals[0] ?? join(ROOT, '..', 'shared', 'eval'));
const sets = (values.set ? values.set.split(',') : SET_NAMES) as SetName[];

/** Steps that change the body without being a removal: they act on every page that has what they restore. */
const ALWAYS_RERUN = new Set(['postclean#standfirst']);
/** The post-clean steps by the rule names they record. */
const POSTCLEAN = ['postclean#title', 'postclean#kicker', 'postclean#byline', 'postclean#dateline', 'postclean#author-bio', 'postclean#duplicate', 'postclean#orphan-heading', 'postclean#link-list', 'postclean#own-address', 'postclean#standfirst', 'generic#image-caption'];

interface Page {
  id: string;
  file: string;
  url?: string;
  /** Scores one output: a value the set's aggregate takes. */
  score(text: string): unknown;
}
interface SetRun {
  name: SetName;
  pages: Page[];
  /** The set's figure from one value per page. */
  figure(values: unknown[]): string;
  outletRules: boolean;
}

function setRun(name: SetName): SetRun {
  if (name === 'zyte' || name === 'fundus' || name === 'dragnet') {
    const cases = name === 'zyte' ? loadZyte(join(evalDir, 'zyte')) : name === 'fundus' ? loadFundus(join(evalDir, 'fundus')) : loadDragnet(join(evalDir, 'dragnet'));
    return {
      name,
      outletRules: name !== 'fundus',
      pages: cases.map((c) => ({ id: c.id, file: c.file, url: c.url, score: (t: string) => scorePage(t, c.truth) })),
      figure: (v) => aggregate(v as PageScore[]).f1.toFixed(5),
    };
  }
  if (name === 'trafilatura') {
    return {
      name,
      outletRules: true,
      pages: loadTrafilatura(join(evalDir, 'trafilatura')).map((c) => ({ id: c.id, file: c.file, url: c.url, score: (t: string) => snippetCounts(t, c.with, c.without) })),
      figure: (v) => {
        const s = (v as Array<ReturnType<typeof snippetCounts>>).reduce((a, x) => ({ tp: a.tp + x.tp, fp: a.fp + x.fp, fn: a.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
        return `${((2 * s.tp) / (2 * s.tp + s.fp + s.fn)).toFixed(5)} (${s.tp}/${s.fn}/${s.fp})`;
      },
    };
  }
  return {
    name,
    outletRules: true,
    pages: loadWcxbArticles(join(evalDir, 'wcxb')).map((c) => ({
      id: c.id,
      file: c.file,
      url: c.url,
      score: (t: string) => ({ f1: wordScore(t, c.truth).f1, with: snippetRate(t, c.with), without: snippetRate(t, c.without) }),
    })),
    figure: (v) => {
      const xs = v as Array<{ f1: number; with?: number; without?: number }>;
      const mean = (ys: number[]) => ys.reduce((a, b) => a + b, 0) / (ys.length || 1);
      return `${mean(xs.map((x) => x.f1)).toFixed(5)} with ${mean(xs.flatMap((x) => (x.with === undefined ? [] : [x.with]))).toFixed(4)} without ${mean(xs.flatMap((x) => (x.without === undefined ? [] : [x.without]))).toFixed(4)}`;
    },
  };
}

const cleaners = new Map<string, ReturnType<typeof createCleaner>>();
function cleaner(outletRules: boolean, off?: string): ReturnType<typeof createCleaner> {
  const key = `${outletRules}|${off ?? ''}`;
  let c = cleaners.get(key);
  if (!c) cleaners.set(key, (c = createCleaner({ outletRules, ...(off ? { disable: [off] } : {}) })));
  return c;
}

async function run(page: Page, outletRules: boolean, off?: string): Promise<CleanResult> {
  return cleaner(outletRules, off).clean({ id: page.id, url: page.url, html: readPage(page.file) });
}

const runs = sets.map(setRun);
// The first full run: every page's score, and which names acted on it.
const base = new Map<SetName, unknown[]>();
const acted = new Map<string, Map<SetName, number[]>>();
for (const s of runs) {
  const scores: unknown[] = [];
  for (const [i, p] of s.pages.entries()) {
    const r = await run(p, s.outletRules);
    scores.push(p.score(r.text));
    for (const name of new Set(r.removed.map((x) => x.rule))) {
      if (!name.startsWith('postclean#') && !name.startsWith('phrases-') && name !== 'generic#image-caption') continue;
      let bySet = acted.get(name);
      if (!bySet) acted.set(name, (bySet = new Map()));
      bySet.set(s.name, [...(bySet.get(s.name) ?? []), i]);
    }
  }
  base.set(s.name, scores);
  process.stderr.write(`${s.name}: ${s.pages.length} pages, full pipeline ${s.figure(scores)}\n`);
}

const names = values.only ? values.only.split(',') : [...new Set([...POSTCLEAN, ...[...acted.keys()].filter((n) => n.startsWith('phrases-')).sort()])];
console.log(`\nAblation on the dev pages (../shared/eval): each set's figure with one step off, against the full pipeline in the same run.`);
console.log(`full: ${runs.map((s) => `${s.name} ${s.figure(base.get(s.name)!)}`).join('; ')}`);
for (const name of names) {
  const cells: string[] = [];
  let up = 0;
  let down = 0;
  for (const s of runs) {
    const which = ALWAYS_RERUN.has(name) ? s.pages.map((_, i) => i) : (acted.get(name)?.get(s.name) ?? []);
    const scores = [...base.get(s.name)!];
    for (const i of which) scores[i] = s.pages[i]!.score((await run(s.pages[i]!, s.outletRules, name)).text);
    const before = s.figure(base.get(s.name)!);
    const after = s.figure(scores);
    const delta = Number.parseFloat(after) - Number.parseFloat(before);
    if (delta > 0) up++;
    if (delta < 0) down++;
    cells.push(`${s.name} ${which.length}p ${delta === 0 ? '=' : `${delta > 0 ? '+' : ''}${delta.toFixed(5)}`}${s.name === 'wcxb' || s.name === 'trafilatura' ? ` [${after}]` : ''}`);
  }
  const verdict = down && !up ? 'keep (off lowers)' : up && !down ? 'DROP? (off raises every set it touches)' : up && down ? 'mixed' : 'no effect';
  console.log(`${name.padEnd(28)} ${verdict.padEnd(38)} ${cells.join('; ')}`);
}
