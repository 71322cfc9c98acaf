/**
 * Leave-one-out for outlet rules (issue 12, item 4): fundus has two pages per outlet. For each page, an outlet
 * rule is written from the OTHER page alone by `declutter rules new` (the scaffolder, unreviewed), and the page
 * is cleaned with it; beside that, the generic pipeline (no outlet rule), the bundled outlet rule (written from
 * both pages: in-sample), and the bundled rule with only the removal items that act on the other page (what a
 * rule written from that page alone could have known; content selectors kept). Shingle F1, on the dev pages.
 *
 *   npx tsx bench/outlet-loo.ts [eval dir]
 *
 * fundus gives no URLs; each page is given one on its outlet's host, as a scraper would have.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createCleaner } from '../dist/index.js';
import { scaffoldOutletRule } from '../src/cli/rule-tools/new.js';
import { aggregate, scorePage, type PageScore } from './lib/score.js';
import { loadFundus } from './lib/sets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'eval'));

/** fundus's outlet names and their hosts. */
const HOSTS: Record<string, string> = {
  APNews: 'apnews.com', CNBC: 'cnbc.com', FoxNews: 'foxnews.com', FreeBeacon: 'freebeacon.com', LATimes: 'latimes.com',
  OccupyDemocrats: 'occupydemocrats.com', Reuters: 'reuters.com', TheGatewayPundit: 'thegatewaypundit.com',
  TheGuardian: 'theguardian.com', TheIndependent: 'independent.co.uk', TheIntercept: 'theintercept.com',
  TheNation: 'thenation.com', TheNewYorker: 'newyorker.com', TheTelegraph: 'telegraph.co.uk',
  WashingtonTimes: 'washingtontimes.com', iNews: 'inews.co.uk',
};

const cases = loadFundus(join(evalDir, 'fundus'));
const byId = new Map(cases.map((c) => [c.id, c]));
const generic = createCleaner({ outletRules: false });
const bundled = createCleaner();
const scores = { generic: [] as PageScore[], loo: [] as PageScore[], bundled: [] as PageScore[], seen: [] as PageScore[] };

/** The removal items of a bundled outlet rule, by the names their removals carry. */
function itemNames(host: string): string[] {
  const rule = parse(readFileSync(join(ROOT, 'rules', 'outlets', `${host}.yaml`), 'utf8')) as { id: string; remove?: Array<{ name?: string; category: string }> };
  return (rule.remove ?? []).map((i) => `${rule.id}#${i.name ?? i.category}`);
}
const rows: string[] = [];

for (const c of cases) {
  const m = /^(.+)_(\d+)\.html$/.exec(c.id);
  const host = m ? HOSTS[m[1]!] : undefined;
  if (!m || !host) continue;
  const other = byId.get(`${m[1]}_${m[2] === '0' ? 1 : 0}.html`);
  if (!other) continue;
  const url = `https://www.${host}/loo/${c.id}`;
  const html = readFileSync(c.file);
  // The rules a user starts from (generic, platforms, phrases) and a rule scaffolded from the other page only.
  const work = mkdtempSync(join(tmpdir(), 'loo-'));
  try {
    const rules = join(work, 'rules');
    for (const part of ['generic.yaml', 'phrases', 'platforms']) cpSync(join(ROOT, 'rules', part), join(rules, part), { recursive: true });
    scaffoldOutletRule({ page: other.file, url: `https://www.${host}/loo/${other.id}`, rulesDir: rules });
    const loo = createCleaner({ rulesOnly: true, rulesDirs: [rules] });
    const g = scorePage((await generic.clean({ id: c.id, url, html })).text, c.truth);
    const l = scorePage((await loo.clean({ id: c.id, url, html })).text, c.truth);
    const b = scorePage((await bundled.clean({ id: c.id, url, html })).text, c.truth);
    const actedOnOther = new Set((await bundled.clean({ id: other.id, url: `https://www.${host}/loo/${other.id}`, html: readFileSync(other.file) })).removed.map((x) => x.rule));
    const unseen = itemNames(host).filter((n) => !actedOnOther.has(n));
    const seenOnly = unseen.length ? createCleaner({ disable: unseen }) : bundled;
    const s = scorePage((await seenOnly.clean({ id: c.id, url, html })).text, c.truth);
    scores.seen.push(s);
    scores.generic.push(g);
    scores.loo.push(l);
    scores.bundled.push(b);
    const f = (s: PageScore) => aggregate([s]).f1.toFixed(3);
    rows.push(`${c.id.padEnd(24)} ${f(g).padStart(8)} ${f(l).padStart(16)} ${f(b).padStart(10)} ${f(s).padStart(18)}  ${unseen.length ? `off: ${unseen.join(', ')}` : ''}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

console.log(`fundus leave-one-out (dev pages): each page cleaned with a rule scaffolded from its outlet's other page`);
console.log(`${'page'.padEnd(24)} ${'generic'.padStart(8)} ${'scaffold (other)'.padStart(16)} ${'bundled'.padStart(10)} ${'bundled, seen items'.padStart(18)}`);
for (const r of rows) console.log(r);
console.log(
  `${'all'.padEnd(24)} ${aggregate(scores.generic).f1.toFixed(5).padStart(8)} ${aggregate(scores.loo).f1.toFixed(5).padStart(16)} ${aggregate(scores.bundled).f1.toFixed(5).padStart(10)} ${aggregate(scores.seen).f1.toFixed(5).padStart(18)}`,
);
console.log('generic: no outlet rule; scaffold (other): `rules new` on the other page, unreviewed; bundled: the hand-written rule, written from both pages (in-sample);');
console.log('bundled, seen items: the hand-written rule with the removal items that do not act on the other page switched off.');
