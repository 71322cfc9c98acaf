/**
 * `rules stats`: over a batch of pages, how often each rule fired, the rules that never fired, and the
 * pages where a rule took a large share of the text or an outlet's content selectors found nothing — the
 * usual signs that the outlet redesigned its pages.
 */
import { DOMParser } from '../../dom/linkedom-module.js';
import { createCleaner } from '../../clean.js';
import { decodeHtml } from '../../decode.js';
import { prepareHtml } from '../../dom/prepare.js';
import type { CleanOptions, PageInput } from '../../types.js';
import { matchRules } from '../../rules/match.js';
import type { RuleFile } from '../../rules/types.js';

/** A rule whose selectors cover more than this share of a page's text is reported for that page. */
export const HEAVY_SHARE = 0.3;
/** How many heavy pages are kept per rule in the report. */
const MAX_HEAVY_PER_RULE = 20;

export interface ItemStats {
  /** `<rule id>#<item name>`, as in `removed[].rule`. */
  item: string;
  removals: number;
  pages: number;
}

export interface RuleFireStats {
  id: string;
  kind: RuleFile['kind'];
  /** Pages the rule applied to (matched by host or fingerprint; every page for generic and phrase rules). */
  applied: number;
  /** Pages where it removed something or supplied the content container. */
  fired: number;
  removals: number;
  items: ItemStats[];
  /** Pages where one of its content selectors held the article, and where none did (outlet and platform rules with `content`). */
  contentFound: number;
  contentMissed: number;
}

export interface HeavyPage {
  page: string;
  rule: string;
  /** Share of the page's text under the rule's removal selectors (0..1), or 0 when the content selectors missed. */
  share: number;
  reason: 'removed-share' | 'content-missed';
}

export interface RuleStatsReport {
  pages: number;
  /** Pages that could not be read or cleaned. */
  errors: number;
  rules: RuleFireStats[];
  /** Platform and outlet rules that never fired (no removal, no content) over the batch. */
  neverFired: string[];
  /** Items of rules that applied somewhere but never removed anything. */
  idleItems: string[];
  heavy: HeavyPage[];
}

export interface RuleStatsOptions extends Pick<CleanOptions, 'rulesDirs' | 'rulesOnly' | 'dom'> {
  heavyShare?: number;
}

interface Tally {
  rule: RuleFile;
  applied: number;
  fired: number;
  removals: number;
  items: Map<string, { removals: number; pages: number }>;
  contentFound: number;
  contentMissed: number;
}

/** Cleans each page and tallies what every rule did. */
export async function collectRuleStats(pages: AsyncIterable<PageInput> | Iterable<PageInput>, options: RuleStatsOptions = {}): Promise<RuleStatsReport> {
  const cleaner = createCleaner({ rulesDirs: options.rulesDirs, rulesOnly: options.rulesOnly, dom: options.dom });
  const heavyShare = options.heavyShare ?? HEAVY_SHARE;
  const tallies = new Map<string, Tally>();
  for (const rule of cleaner.rules.files) {
    tallies.set(rule.id, { rule, applied: 0, fired: 0, removals: 0, items: new Map(), contentFound: 0, contentMissed: 0 });
  }
  const heavy: HeavyPage[] = [];
  let count = 0;
  let errors = 0;
  for await (const page of pages) {
    count++;
    const label = page.id ?? page.url ?? `page ${count}`;
    const result = await cleaner.clean(page);
    if (result.error) {
      errors++;
      continue;
    }
    const firedHere = new Set<string>();
    const itemsHere = new Set<string>();
    for (const removal of result.removed) {
      const id = removal.rule.split('#')[0]!;
      const tally = tallies.get(id);
      if (!tally) continue;
      tally.removals++;
      firedHere.add(id);
      const item = tally.items.get(removal.rule) ?? { removals: 0, pages: 0 };
      item.removals++;
      if (!itemsHere.has(removal.rule)) item.pages++;
      itemsHere.add(removal.rule);
      tally.items.set(removal.rule, item);
    }
    for (const id of result.rules) {
      const tally = tallies.get(id);
      if (tally) tally.applied++;
    }
    // Phrase files apply to every page of their language; count them as applied where they fired.
    for (const id of firedHere) {
      const tally = tallies.get(id)!;
      if (tally.rule.kind === 'phrases') tally.applied++;
    }
    if (page.html !== undefined) {
      for (const finding of measurePage(page, cleaner.rules.files.filter((r) => result.rules.includes(r.id)), heavyShare)) {
        const tally = tallies.get(finding.rule);
        if (!tally) continue;
        if (finding.content === 'found') {
          tally.contentFound++;
          firedHere.add(finding.rule);
        } else if (finding.content === 'missed') {
          tally.contentMissed++;
          // A platform's container is a guess that many of its sites do not follow; an outlet's is written for that outlet.
          if (tally.rule.kind === 'outlet' && heavy.filter((h) => h.rule === finding.rule).length < MAX_HEAVY_PER_RULE) heavy.push({ page: label, rule: finding.rule, share: 0, reason: 'content-missed' });
        }
        if (finding.share !== undefined && heavy.filter((h) => h.rule === finding.rule).length < MAX_HEAVY_PER_RULE) {
          heavy.push({ page: label, rule: finding.rule, share: finding.share, reason: 'removed-share' });
        }
      }
    }
    for (const id of firedHere) tallies.get(id)!.fired++;
  }
  const rules: RuleFireStats[] = [...tallies.values()].map((t) => ({
    id: t.rule.id,
    kind: t.rule.kind,
    applied: t.applied,
    fired: t.fired,
    removals: t.removals,
    items: [...t.items.entries()].map(([item, v]) => ({ item, ...v })).sort((a, b) => b.removals - a.removals),
    contentFound: t.contentFound,
    contentMissed: t.contentMissed,
  }));
  const neverFired = rules.filter((r) => (r.kind === 'outlet' || r.kind === 'platform') && r.fired === 0).map((r) => r.id);
  const idleItems: string[] = [];
  for (const t of tallies.values()) {
    if (t.applied === 0) continue;
    for (const item of t.rule.remove ?? []) {
      const name = `${t.rule.id}#${item.name ?? item.category}`;
      if (!t.items.has(name)) idleItems.push(name);
    }
  }
  heavy.sort((a, b) => b.share - a.share);
  return { pages: count, errors, rules: rules.sort((a, b) => b.fired - a.fired || a.id.localeCompare(b.id)), neverFired, idleItems: [...new Set(idleItems)], heavy };
}

interface PageFinding {
  rule: string;
  content?: 'found' | 'missed';
  /** Set when the rule's removal selectors cover more than the heavy share of the page's text. */
  share?: number;
}

/** Content found or missed, and the share of text under removal selectors, for the rules applied to a page. */
function measurePage(page: PageInput, applied: RuleFile[], heavyShare: number): PageFinding[] {
  const html = decodeHtml(page.html!, page.contentType).text;
  const prepared = prepareHtml(html);
  const source = /^\s*(<!doctype|<html)/i.test(prepared.html) ? prepared.html : `<!DOCTYPE html><html><body>${prepared.html}</body></html>`;
  const doc = new DOMParser().parseFromString(source, 'text/html') as unknown as Document;
  const total = textLength(doc.body);
  if (!total) return [];
  // The same matching the cleaner did, so content selectors are tried against the same rules.
  const matched = matchRules({ files: applied, byId: new Map(), generic: [], phrases: new Map(), platforms: applied.filter((r) => r.kind === 'platform'), outlets: applied.filter((r) => r.kind === 'outlet') }, { url: page.url, doc, scripts: prepared.scripts });
  const out: PageFinding[] = [];
  for (const rule of applied) {
    if (rule.kind === 'generic' || rule.kind === 'phrases') continue;
    const finding: PageFinding = { rule: rule.id };
    if (rule.content?.length && matched.rules.some((r) => r.id === rule.id)) {
      finding.content = rule.content.some((sel) => outermost(doc, sel).some((el) => textLength(el) > 0)) ? 'found' : 'missed';
    }
    const removed = new Set<Element>();
    for (const item of rule.remove ?? []) for (const sel of item.selectors ?? []) for (const el of outermost(doc, sel)) removed.add(el);
    const chars = [...removed].filter((el) => ![...removed].some((o) => o !== el && o.contains(el))).reduce((n, el) => n + textLength(el), 0);
    if (chars / total > heavyShare) finding.share = chars / total;
    out.push(finding);
  }
  return out;
}

function outermost(doc: Document, selector: string): Element[] {
  let found: Element[];
  try {
    found = [...doc.querySelectorAll(selector)];
  } catch {
    return [];
  }
  return found.filter((el) => !found.some((o) => o !== el && o.contains(el)));
}

function textLength(el: Element | null | undefined): number {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** The report as text: per-rule counts, then never-fired rules, idle items and heavy pages. */
export function formatStatsReport(report: RuleStatsReport): string {
  const lines: string[] = [`${report.pages} pages${report.errors ? `, ${report.errors} not cleaned` : ''}`, ''];
  lines.push('rule                              kind      applied  fired  removals  content found/missed');
  for (const r of report.rules) {
    if (!r.applied && !r.fired) continue;
    const content = r.contentFound || r.contentMissed ? `${r.contentFound}/${r.contentMissed}` : '';
    lines.push(`${r.id.padEnd(34)}${r.kind.padEnd(10)}${String(r.applied).padStart(7)}${String(r.fired).padStart(7)}${String(r.removals).padStart(10)}  ${content}`);
  }
  lines.push('', `never fired (${report.neverFired.length}): ${report.neverFired.join(', ') || '-'}`);
  if (report.idleItems.length) lines.push(`items that applied but never removed anything (${report.idleItems.length}): ${report.idleItems.join(', ')}`);
  if (report.heavy.length) {
    lines.push('', 'pages to look at (a rule took a large share of the text, or an outlet\u2019s content selectors found nothing):');
    for (const h of report.heavy) {
      lines.push(h.reason === 'content-missed' ? `  ${h.rule}: content selectors matched nothing on ${h.page}` : `  ${h.rule}: removal selectors cover ${(h.share * 100).toFixed(0)}% of the text of ${h.page}`);
    }
  }
  return lines.join('\n');
}
