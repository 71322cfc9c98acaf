/**
 * The access state of a page: free, metered, registration, subscription or unknown, whether the body looks
 * cut short by a paywall, and the evidence.
 *
 * Two steps, because paywall markup is stripped before the body is chosen:
 * `collectAccessSignals` reads the page as served (JSON-LD, vendor scripts, rule markers, visible prompts),
 * and `decideAccess` weighs those signals against what the cleaner removed and the body it kept.
 * No single signal decides: free articles carry "Already a subscriber? Log in" in their chrome, paywall
 * vendors' scripts load on free pages too, and a meter interstitial may sit in front of the full text.
 */
import type { PageContext } from './context.js';
import { preview } from './context.js';
import { lowerName } from './dom/select.js';
import { queryEach, safeClosest, safeQuery, safeQueryAll } from './html/dom-utils.js';
import { declaredLength, declaringObjects } from './html/jsonld.js';
import { countWords } from './words.js';
import type { RuleFile } from './rules/types.js';
import type { AccessState, AccessStateName, Removal } from './types.js';

type GatedState = Exclude<AccessStateName, 'free' | 'unknown'>;

/**
 * The wording of access prompts, per language, from the `prompts` block of rules/phrases/<lang>.yaml (see en.yaml
 * for what each list means): the page's languages and English, joined.
 */
export interface AccessVocabulary {
  metered: RegExp[];
  registration: RegExp[];
  subscription: RegExp[];
  chrome: RegExp[];
  /** A registration prompt that also names a subscription is a subscription prompt. */
  subscribes: RegExp[];
  /** A prompt about comments gates the comments, not the article. */
  comments: RegExp[];
  /** Every gate and chrome pattern in one, so the many blocks that are no prompt are told apart in one scan. */
  any: RegExp;
}

const PROMPT_LISTS = ['metered', 'registration', 'subscription', 'chrome', 'subscribes', 'comments'] as const;

/** The access vocabulary of phrase files (a language's files, then English), each pattern once. */
export function compileAccessVocabulary(files: RuleFile[]): AccessVocabulary {
  const lists = Object.fromEntries(PROMPT_LISTS.map((k) => [k, [] as RegExp[]])) as Record<(typeof PROMPT_LISTS)[number], RegExp[]>;
  const seen = new Set<string>();
  for (const file of files) {
    for (const key of PROMPT_LISTS) {
      for (const source of file.prompts?.[key] ?? []) {
        if (seen.has(`${key}:${source}`)) continue;
        seen.add(`${key}:${source}`);
        lists[key].push(new RegExp(source));
      }
    }
  }
  const gates = [...lists.metered, ...lists.registration, ...lists.subscription, ...lists.chrome];
  return { ...lists, any: gates.length ? new RegExp(gates.map((re) => `(?:${re.source})`).join('|')) : /(?!)/ };
}

/** What the page says about access, read before boilerplate is stripped. */
export interface AccessSignals {
  /** JSON-LD `isAccessibleForFree` of the article, when declared. */
  accessibleForFree?: boolean;
  /** JSON-LD `hasPart` parts declared not free: their selector, how many elements it matched and their text length. */
  paywalledParts: Array<{ selector: string; elements: number; chars: number }>;
  /** Declared length of the article: JSON-LD `wordCount` and the word count of `articleBody`. */
  declaredWords?: number;
  declaredWordsFrom?: 'wordCount' | 'articleBody';
  /** Paywall vendors or rule markers found; `state` is what the rule says its markers mean. */
  markers: Array<{ rule: string; kind: 'script' | 'selector'; state: GatedState; outlet: boolean; what: string }>;
  /** Short visible blocks of the page that read like access prompts (text previews). */
  prompts: string[];
  /** What the applied rules say a gate on this page would be, outlet first; names the kind, never decides. */
  ruleStates: Array<{ rule: string; state: GatedState; outlet: boolean }>;
  /** The prompt wording of the page's languages, by which removed and visible prompts are read. */
  vocabulary: AccessVocabulary;
}

export interface AccessDecisionInput {
  /** The audit trail of the clean: removed prompts are evidence. */
  removed: Removal[];
  /** The body the cleaner kept. */
  bodyText: string;
}

/** Signals of a page that has none (the text path, where removed prompts carry the evidence). */
export function emptyAccessSignals(vocabulary: AccessVocabulary): AccessSignals {
  return { paywalledParts: [], markers: [], prompts: [], ruleStates: [], vocabulary };
}

// --- Tunables ------------------------------------------------------------------------------------------

/** A body shorter than this share of the declared length is cut short. */
const DECLARED_SHARE = 0.5;
/** Declared lengths below this are too small to compare against. */
const MIN_DECLARED_WORDS = 150;
/** With a gate prompt shown, a body under this many words is a teaser, not the article. */
const TEASER_WORDS = 250;
/** A body this long, with no gate prompt and nothing cut, outweighs weak vendor markers. */
const COMPLETE_WORDS = 250;
/** Below this many words with no evidence at all, the state cannot be told. */
const EMPTY_WORDS = 20;
/** A paywalled part with less text than this under it was served empty. */
const EMPTY_PART_CHARS = 200;
/** Prompt blocks are short; anything longer is article text that happens to use the words. */
const MAX_PROMPT_CHARS = 400;
/** Signal weights; a page is gated at GATED_SCORE. */
const GATED_SCORE = 2;

/**
 * Markers of paywall markup on any site. Weak on their own: many sites wrap free articles in a
 * `paywall` class that the vendor script switches on only when the meter runs out.
 */
const GENERIC_MARKERS = ['[class*="paywall"]', '[id*="paywall"]', '[data-paywall]', '[class*="regwall"]', '[class*="meter-"]'];

/** Blocks scanned for visible prompts; a link or a menu item can only be chrome ("Subscribe"), never a gate. */
const PROMPT_BLOCK_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'div', 'section', 'aside', 'span', 'strong', 'a', 'button', 'form', 'dialog']);
/** A prompt block holding one of these is a container; its children are read instead. */
const LEAF_BLOCK_TAGS = new Set(['p', 'div', 'section', 'aside', 'h2', 'h3', 'h4']);
/** Page chrome: menus and headers name subscriber offers on every page. */
const CHROME_CONTAINERS = 'nav, header, footer, menu, [role="navigation"], [role="banner"], [role="contentinfo"]';
/** Chrome prompts longer than this are headlines or teasers that happen to contain the words. */
const MAX_CHROME_CHARS = 80;

/** More than MAX_PROMPT_CHARS non-space characters; anchored, and \s and \S never overlap, so one linear scan. */
const TOO_LONG_FOR_PROMPT = new RegExp(`^(?:\\s*\\S){${MAX_PROMPT_CHARS + 1}}`);

/** Removal categories whose entries may be access prompts. */
const PROMPT_CATEGORIES = new Set(['paywall', 'subscribe', 'login']);

type PromptKind = GatedState | 'chrome';

/** Reads the access cues of a page as served, before boilerplate stripping. */
export function collectAccessSignals(ctx: PageContext): AccessSignals {
  const signals = emptyAccessSignals(ctx.access);
  readJsonLd(ctx, signals);
  readRuleMarkers(ctx, signals);
  readPrompts(ctx.document, signals);
  return signals;
}

function readJsonLd(ctx: PageContext, signals: AccessSignals): void {
  // The article object's declaration wins over a page-level one (WebPage, WebSite).
  for (const obj of declaringObjects(ctx.jsonLd)) {
    const free = readBool(obj.isAccessibleForFree);
    if (free !== undefined && signals.accessibleForFree === undefined) signals.accessibleForFree = free;
    for (const part of asArray(obj.hasPart)) {
      if (!isRecord(part) || readBool(part.isAccessibleForFree) !== false) continue;
      for (const selector of asArray(part.cssSelector)) {
        if (typeof selector !== 'string' || signals.paywalledParts.some((p) => p.selector === selector)) continue;
        const elements = safeQueryAll(ctx.document, selector);
        const chars = elements.reduce((n, el) => n + normalise(el.textContent ?? '').length, 0);
        signals.paywalledParts.push({ selector, elements: elements.length, chars });
      }
    }
  }
  const declared = declaredLength(ctx.jsonLd);
  if (declared) {
    signals.declaredWords = declared.words;
    signals.declaredWordsFrom = declared.from;
  }
}

function readRuleMarkers(ctx: PageContext, signals: AccessSignals): void {
  for (const rule of ctx.rules) {
    const access = rule.access;
    if (!access) continue;
    const outlet = rule.kind === 'outlet';
    if (outlet) signals.ruleStates.unshift({ rule: rule.id, state: access.state, outlet });
    else signals.ruleStates.push({ rule: rule.id, state: access.state, outlet });
    for (const needle of access.scripts ?? []) {
      const hit = ctx.scripts.find((s) => s.includes(needle));
      if (hit) signals.markers.push({ rule: rule.id, kind: 'script', state: access.state, outlet, what: needle });
    }
    for (const selector of access.selectors ?? []) {
      if (safeQuery(ctx.document, selector)) signals.markers.push({ rule: rule.id, kind: 'selector', state: access.state, outlet, what: selector });
    }
  }
}

/** Visible short blocks that read like access prompts, and generic paywall markup's own text. */
function readPrompts(document: Document, signals: AccessSignals): void {
  const seen = new Set<string>();
  const add = (el: Element) => {
    const raw = el.textContent ?? '';
    // Normalising never shortens the non-space text, so a block already too long there is skipped unread:
    // article paragraphs and containers are most of the blocks and most of the characters.
    if (raw.length > MAX_PROMPT_CHARS && TOO_LONG_FOR_PROMPT.test(raw)) return;
    const text = normalise(raw);
    if (!text || text.length > MAX_PROMPT_CHARS || seen.has(text)) return;
    // The cheap text tests first: most blocks are no prompt, and hidden or chrome only matters for those that are.
    const kind = classifyNormalised(text, signals.vocabulary);
    if (kind === undefined || isHidden(el)) return;
    if (kind === 'chrome' ? text.length > MAX_CHROME_CHARS : el.tagName === 'A' || safeClosest(el, CHROME_CONTAINERS)) return;
    seen.add(text);
    signals.prompts.push(preview(el.textContent ?? ''));
  };
  // Leaf-most blocks only (a container repeats its children's words), found in one pass from the last element up.
  const all = safeQueryAll(document, '*');
  const holdsBlock = new Set<Element>();
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (holdsBlock.has(el) || LEAF_BLOCK_TAGS.has(lowerName(el.localName))) {
      const parent = el.parentElement;
      if (parent) holdsBlock.add(parent);
    }
  }
  for (const el of all) if (PROMPT_BLOCK_TAGS.has(lowerName(el.localName)) && !holdsBlock.has(el)) add(el);
  const markers = queryEach(document, GENERIC_MARKERS);
  for (const selector of GENERIC_MARKERS) for (const el of markers.get(selector) ?? []) add(el);
}

/** Which kind of access prompt a block is, if any. Comment gates and plain chrome are told apart. */
export function classifyPrompt(raw: string, vocabulary: AccessVocabulary): PromptKind | undefined {
  return classifyNormalised(normalise(raw), vocabulary);
}

const anyOf = (list: RegExp[], text: string) => list.some((re) => re.test(text));

/** classifyPrompt of a text already normalised (normalising twice gives the same text). */
function classifyNormalised(text: string, v: AccessVocabulary): PromptKind | undefined {
  if (!text || anyOf(v.comments, text) || !v.any.test(text)) return undefined;
  if (anyOf(v.metered, text)) return 'metered';
  if (anyOf(v.registration, text) && !anyOf(v.subscribes, text)) return 'registration';
  if (anyOf(v.subscription, text)) return 'subscription';
  if (anyOf(v.registration, text)) return 'registration';
  if (anyOf(v.chrome, text)) return 'chrome';
  return undefined;
}

/** Weighs the signals against the removed prompts and the kept body. */
export function decideAccess(signals: AccessSignals, input: AccessDecisionInput): AccessState {
  const evidence: string[] = [];
  const bodyWords = countWords(input.bodyText);

  // Prompts: those the cleaner removed and those seen on the page, each wording once.
  const gates = new Map<GatedState, string>();
  const chrome: string[] = [];
  const seen = new Set<string>();
  const consider = (text: string, source: string) => {
    const key = normalise(text);
    if (!key || seen.has(key)) return;
    seen.add(key);
    const kind = classifyPrompt(text, signals.vocabulary);
    if (kind === 'chrome') chrome.push(text);
    else if (kind && !gates.has(kind)) gates.set(kind, `${source} (${kind}): "${preview(text, 100)}"`);
  };
  let unreadPaywallRemovals = 0;
  for (const r of input.removed) {
    if (!PROMPT_CATEGORIES.has(r.category)) continue;
    // Paywall markup removed by a selector may carry no readable wording; it still counts, weakly.
    if (r.category === 'paywall' && classifyPrompt(r.text, signals.vocabulary) === undefined && !anyOf(signals.vocabulary.comments, normalise(r.text))) {
      unreadPaywallRemovals++;
    }
    consider(r.text, `prompt removed by ${r.rule}`);
  }
  for (const p of signals.prompts) consider(p, 'prompt on page');

  let score = 0;
  let strongGated = false;

  if (signals.accessibleForFree === true) {
    score -= 2;
    evidence.push('json-ld isAccessibleForFree=true');
  } else if (signals.accessibleForFree === false) {
    score += 2;
    strongGated = true;
    evidence.push('json-ld isAccessibleForFree=false');
  }
  for (const [, text] of gates) evidence.push(text);
  if (gates.size) {
    score += 2;
    strongGated = true;
  }

  // Truncation: the body against what the page declares and what the paywall left.
  let truncated = false;
  const declared = signals.declaredWords;
  if (declared !== undefined && declared >= MIN_DECLARED_WORDS && bodyWords < declared * DECLARED_SHARE) {
    truncated = true;
    score += 2;
    strongGated = true;
    evidence.push(`body has ${bodyWords} words of ${declared} declared (json-ld ${signals.declaredWordsFrom})`);
  }
  for (const part of signals.paywalledParts) {
    // A part the page does not carry at all says nothing: the class is often added by the vendor script.
    if (part.elements === 0) evidence.push(`json-ld paywalled part ${part.selector} not in the page`);
    else if (part.chars < EMPTY_PART_CHARS) {
      if (bodyWords < TEASER_WORDS) truncated = true;
      score += 1;
      evidence.push(`json-ld paywalled part ${part.selector} served ${part.chars ? 'nearly ' : ''}empty`);
    } else evidence.push(`json-ld paywalled part ${part.selector} served with its text`);
  }
  if (gates.size && bodyWords < TEASER_WORDS) {
    truncated = true;
    evidence.push(`body of ${bodyWords} words ends at a gate prompt`);
  }

  // Vendors and rule markers: a vendor on the page says little about this article.
  const markerRules = new Set<string>();
  for (const m of signals.markers) {
    evidence.push(`${m.kind === 'script' ? 'vendor script' : 'paywall markup'} ${m.what} (${m.rule}: ${m.state})`);
    if (markerRules.has(m.rule)) continue;
    markerRules.add(m.rule);
    // An outlet's own marker is written for that outlet's gated pages; a vendor's is on every page.
    score += m.outlet && m.kind === 'selector' ? 3 : 1;
    if (m.outlet && m.kind === 'selector') strongGated = true;
  }
  if (unreadPaywallRemovals) {
    score += 1;
    evidence.push(`${unreadPaywallRemovals} paywall block${unreadPaywallRemovals > 1 ? 's' : ''} removed`);
  }
  if (chrome.length) evidence.push(`subscriber prompts in page chrome, not a gate: "${preview(chrome[0]!, 60)}"`);

  // The whole text served with no gate shown weighs against a declaration or vendor alone.
  const complete = !truncated && !gates.size && bodyWords >= COMPLETE_WORDS;
  if (complete) score -= 1;

  let state: AccessStateName;
  if (score >= GATED_SCORE) state = gatedKind(gates, signals);
  // A strong sign of a gate that the rest of the page does not bear out: say so rather than guess.
  else if (score > 0 && (strongGated || truncated)) state = 'unknown';
  else if (truncated) state = 'unknown';
  else if (bodyWords < EMPTY_WORDS && evidence.length === 0) state = 'unknown';
  else state = 'free';

  if (state === 'free' && evidence.length === 0) evidence.push('no paywall signals');
  return { state, truncated, evidence };
}

/**
 * The gated state: what the prompts say, else the outlet's own word (its markers, then its declared
 * state), else what the vendors found mean, else what the platforms declare, else subscription.
 */
function gatedKind(gates: Map<GatedState, string>, signals: AccessSignals): GatedState {
  for (const kind of ['metered', 'registration', 'subscription'] as const) if (gates.has(kind)) return kind;
  const outletMarker = signals.markers.find((m) => m.outlet);
  if (outletMarker) return outletMarker.state;
  const outletState = signals.ruleStates.find((r) => r.outlet);
  if (outletState) return outletState.state;
  const votes = new Map<GatedState, number>();
  for (const m of signals.markers) votes.set(m.state, (votes.get(m.state) ?? 0) + 1);
  let best: GatedState | undefined;
  let most = 0;
  for (const [state, n] of votes) if (n > most) [best, most] = [state, n];
  return best ?? signals.ruleStates[0]?.state ?? 'subscription';
}

// --- Helpers -------------------------------------------------------------------------------------------

function normalise(s: string): string {
  return s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

function readBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/** Hidden by the markup itself (a template the vendor script would show when the meter runs out). */
function isHidden(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
    const style = e.getAttribute('style');
    if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
    if (e.tagName === 'TEMPLATE' || e.tagName === 'NOSCRIPT') return true;
  }
  return false;
}
