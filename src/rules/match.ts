/**
 * Which rules apply to a page: the generic layer, platform rules whose fingerprints the page carries,
 * and the outlet rule for its host (or a parent domain). Layers apply generic < platform < outlet.
 */
import type { RuleSet } from './load.js';
import type { RuleFile } from './types.js';
import { queryEach, safeQueryAll } from '../html/dom-utils.js';

/** Lower-cased host without a leading `www.`; undefined for a URL that does not parse. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The page's own idea of its URL: canonical link, then og:url. */
export function pageUrl(doc: Document): string | undefined {
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  for (const u of [canonical, og]) {
    if (u && /^https?:\/\//i.test(u.trim())) return u.trim();
  }
  return undefined;
}

/** The outlet rule for a host: exact host first, then each parent domain. */
export function outletFor(set: RuleSet, host: string | undefined): RuleFile | undefined {
  if (!host) return undefined;
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    const rule = set.outlets.find((r) => r.hosts?.some((h) => h.toLowerCase().replace(/^www\./, '') === candidate));
    if (rule) return rule;
  }
  return undefined;
}

/** What fingerprints are read against, gathered once per page rather than once per platform rule. */
export interface FingerprintInput {
  /** The page's generator meta values, joined by spaces (read on first use). */
  generator(): string;
  /** Script URLs and inline heads, joined by newlines so one `includes` per needle scans them all. */
  scripts: string;
  scriptList: string[];
  /** Fingerprint selectors known to match, and the generator metas (from one walk of the page). */
  found?: Map<string, Element[]>;
}

/** The page's generator metas; matchRules asks for them in its walk of the page for fingerprint selectors. */
const GENERATOR_META = 'meta[name="generator" i], meta[name="Generator"]';

export function fingerprintInput(doc: Document, scripts: string[], found?: Map<string, Element[]>): FingerprintInput {
  let generator: string | undefined;
  const metas = () => (found ? (found.get(GENERATOR_META) ?? []) : safeQueryAll(doc, GENERATOR_META));
  const readGenerator = () => (generator ??= metas().map((m) => m.getAttribute('content') ?? '').join(' '));
  return { generator: readGenerator, scripts: scripts.join('\n'), scriptList: scripts, found };
}

const generatorPatterns = new Map<string, RegExp>();
function generatorPattern(source: string): RegExp {
  let re = generatorPatterns.get(source);
  if (!re) {
    re = new RegExp(source, 'i');
    generatorPatterns.set(source, re);
  }
  return re;
}

function hasScript(page: FingerprintInput, needle: string): boolean {
  // A needle with a newline could straddle two joined scripts: test those one script at a time.
  if (!page.scriptList.length) return false;
  return needle.includes('\n') ? page.scriptList.some((s) => s.includes(needle)) : page.scripts.includes(needle);
}

/** Whether a platform rule's fingerprints are present on the page. */
export function hasFingerprint(rule: RuleFile, doc: Document, page: FingerprintInput): boolean {
  const fp = rule.fingerprints;
  if (!fp) return false;
  if (fp.generator?.length) {
    const gen = page.generator();
    if (gen && fp.generator.some((g) => generatorPattern(g).test(gen))) return true;
  }
  if (fp.scripts?.length && fp.scripts.some((needle) => hasScript(page, needle))) return true;
  if (fp.selectors?.length && fp.selectors.some((sel) => (page.found ? page.found.has(sel) : safeQueryAll(doc, sel).length > 0))) return true;
  return false;
}

export interface MatchedRules {
  rules: RuleFile[];
  disabled: Set<string>;
  host?: string;
}

export function matchRules(set: RuleSet, page: { url?: string; doc: Document; scripts: string[]; outletRules?: boolean }): MatchedRules {
  const host = hostOf(page.url) ?? hostOf(pageUrl(page.doc));
  const found = queryEach(page.doc, [...set.platforms.flatMap((r) => r.fingerprints?.selectors ?? []), GENERATOR_META]);
  const input = fingerprintInput(page.doc, page.scripts, found);
  const platforms = set.platforms.filter((r) => hasFingerprint(r, page.doc, input));
  const outlet = page.outletRules === false ? undefined : outletFor(set, host);
  const rules = [...set.generic, ...platforms, ...(outlet ? [outlet] : [])];
  const disabled = new Set(rules.flatMap((r) => r.disable ?? []));
  return { rules, disabled, host };
}

/** Rules for a plain-text capture: the outlet by URL, and platforms or outlets whose fingerprint phrases the text carries. */
export function matchTextRules(set: RuleSet, page: { url?: string; text: string; outletRules?: boolean }): MatchedRules {
  const host = hostOf(page.url);
  const lower = page.text.toLowerCase();
  const byPhrase = (r: RuleFile) => !!r.fingerprints?.phrases?.some((p) => lower.includes(p.toLowerCase()));
  const platforms = set.platforms.filter(byPhrase);
  const outlet = page.outletRules === false ? undefined : (outletFor(set, host) ?? set.outlets.find(byPhrase));
  const rules = [...set.generic, ...platforms, ...(outlet ? [outlet] : [])];
  return { rules, disabled: new Set(rules.flatMap((r) => r.disable ?? [])), host };
}
