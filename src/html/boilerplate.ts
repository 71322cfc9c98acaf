/**
 * Strips boilerplate from the page before the body is chosen: rule selectors, class/id tokens, hidden
 * elements, and short blocks whose wording is a prompt or notice. Every removal is recorded.
 */
import { preview, type PageContext } from '../context.js';
import type { RemoveItem, RuleFile } from '../rules/types.js';
import type { PhraseHit } from '../rules/phrases.js';
import type { Category } from '../types.js';
import { commonAncestor, containsNode, detach, elementsWhere, queryEach, safeClosest, safeQueryAll, shortTexts, textLength, textOf } from './dom-utils.js';
import { memoize } from '../memo.js';

/** An element holding more than this share of the page's text is never removed by a token (it is the page). */
const MAX_TOKEN_SHARE = 0.4;
/**
 * Nor is one holding this many characters of prose: share bars, ad slots and related lists carry links and
 * short teasers, never several paragraphs of running text. Class names lie (`Section--Ads` is a section with ad
 * slots in it, `has-advert` a page wrapper), prose does not.
 */
const MAX_PROSE_CHARS = 1500;
/** A paragraph counts as prose from this length, when at most this share of it is link text. */
const PROSE_PARAGRAPH_CHARS = 80;
const PROSE_MAX_LINK_SHARE = 0.3;
/**
 * CMS taxonomy classes name what the article is about, not what the element is: WordPress puts
 * `tag-ads`, `category-social-media` on the article itself. They count only whole (`tag-list` is a role).
 */
const TAXONOMY_CLASS = /^(tag|category|categories|cat|format|post-format|postid|post-id|type|status|topic|term|taxonomy)[-_]/i;
/** Classes that hook scripts to elements (`js-dynamic-advertorial` on the article column) say nothing of their role. */
const SCRIPT_HOOK_CLASS = /^js[-_]/i;
/** Inline elements are phrase-checked only when they stand alone: a link saying "Facebook" inside a sentence stays. */
const INLINE_TAGS = new Set(['SPAN', 'A', 'STRONG', 'EM', 'B']);
/** Blocks longer than this are never phrase-checked (prompts are short). */
const MAX_PHRASE_BLOCK_CHARS = 700;
/** Elements that are the document's skeleton: tokens on them say little. */
const SKELETON = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);
const PHRASE_BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption', 'aside', 'section', 'div', 'form', 'dl', 'table', 'span', 'a', 'strong', 'em', 'b']);
/** `[hidden]`, `[aria-hidden="true"]`, or an inline style with `display:none` / `visibility:hidden` (one space allowed). */
const HIDDEN_STYLE = /display: ?none|visibility: ?hidden/i;
const isMarkedHidden = (el: Element): boolean =>
  el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || HIDDEN_STYLE.test(el.getAttribute('style') ?? '');

interface TokenItem {
  rule: string;
  category: Category;
  token: string;
}

/** Splits class and id values into lower-case word tokens: `articleShare-bar_top` -> article, share, bar, top, article-share, share-bar, ..., plus the whole parts. */
export function classTokens(el: Element): readonly string[] {
  const cls = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  // Most elements carry one of the two: its value is looked up as it is, not joined into a new string first.
  const raw = cls && id ? `${cls} ${id}`.trim() : (cls || id).trim();
  return raw ? tokensOf(raw) : [];
}

// The same class and id values recur on many elements of a page and across pages of a site.
const tokensOf = memoize(20000, (raw: string): readonly string[] => splitTokens(raw));

function splitTokens(raw: string): readonly string[] {
  const out = new Set<string>();
  for (const part of raw.split(/\s+/)) {
    const lower = part.toLowerCase();
    out.add(lower);
    if (TAXONOMY_CLASS.test(part) || SCRIPT_HOOK_CLASS.test(part)) continue;
    // A BEM modifier (`Section--Ads`) names a variant of the block, not what the block is.
    const role = part.split('--')[0]!;
    const words = role.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_\-:.]+/).filter(Boolean);
    // Runs of two and three words too, so the token `author-box` finds `mvp-author-box-wrap` and `authorBox_inner`.
    for (let i = 0; i < words.length; i++) {
      out.add(words[i]!);
      if (i + 1 < words.length) out.add(`${words[i]}-${words[i + 1]}`);
      if (i + 2 < words.length) out.add(`${words[i]}-${words[i + 1]}-${words[i + 2]}`);
    }
  }
  return [...out];
}

function itemName(rule: RuleFile, item: RemoveItem): string {
  return `${rule.id}#${item.name ?? item.category}`;
}

/** A kept element and everything around it stay; what is inside it can still go (a share bar in the article). */
function isKept(el: Element, keep: Element[]): boolean {
  return keep.some((k) => containsNode(el, k));
}

/** Removes an element and records it, unless it holds a kept element or was already removed. */
function removeRecorded(ctx: PageContext, el: Element, category: Category, rule: string, selector: string | undefined, keep: Element[]): boolean {
  // Callers check the element is still inside the tree they clean: the body Readability returns is detached
  // from the document, so `isConnected` cannot say that.
  if (!el.parentNode || isKept(el, keep)) return false;
  const text = textOf(el);
  detach(el);
  if (text) ctx.removed.push({ category, rule, text: preview(text), ...(selector ? { selector } : {}) });
  return true;
}

/** Characters of running text in an element: paragraphs long enough and not made of links. */
export function proseChars(el: Element): number {
  let n = 0;
  const paragraphs = el.tagName === 'P' ? [el] : safeQueryAll(el, 'p');
  for (const p of paragraphs) {
    // Excerpts in a teaser list (cards as list items or nested articles) are prose too, but not the page's.
    const card = safeClosest(p, 'li, article');
    if (card && card !== el && el.contains(card)) continue;
    n += paragraphProse(p);
  }
  return n;
}

/** A paragraph's length when it is running text (long enough, not made of links), else 0. */
function paragraphProse(p: Element): number {
  const len = textLength(p);
  if (len < PROSE_PARAGRAPH_CHARS) return 0;
  const links = safeQueryAll(p, 'a').reduce((sum, a) => sum + textLength(a), 0);
  return links / len <= PROSE_MAX_LINK_SHARE ? len : 0;
}

/** The best text block needs at least this much prose to be protected (one short paragraph proves nothing). */
const MIN_BEST_BLOCK_CHARS = 300;
/** A paragraph's prose counts fully for its parent and by this share for its grandparent (paragraphs in wrappers). */
const GRANDPARENT_SHARE = 0.5;
/**
 * And it must hold at least this share of the page's prose: where the text is split into many small containers
 * (page builders put every few paragraphs in a widget of its own), the best one is a fragment, not the article.
 */
const MIN_BEST_BLOCK_SHARE = 0.5;

/**
 * The page's best text block: the element whose paragraphs (children, and grandchildren at half weight) hold the
 * most running text. A generic cue never removes it or anything around it, however short the article is: the
 * absolute guards (share of the page, characters of prose) do not protect a short article on a long page.
 */
export interface BestBlock {
  el: Element;
  /** Found as a page builder's text region: the common ancestor of its text widgets (see fragmentedBlock). */
  fragmented: boolean;
}

export function bestTextBlock(root: ParentNode): BestBlock | undefined {
  const score = new Map<Element, number>();
  const own = new Map<Element, number>();
  let prose = 0;
  for (const p of safeQueryAll(root, 'p')) {
    const len = paragraphProse(p);
    if (!len) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    prose += len;
    own.set(parent, (own.get(parent) ?? 0) + len);
    score.set(parent, (score.get(parent) ?? 0) + len);
    const grand = parent.parentElement;
    if (grand) score.set(grand, (score.get(grand) ?? 0) + len * GRANDPARENT_SHARE);
  }
  const need = Math.max(MIN_BEST_BLOCK_CHARS, prose * MIN_BEST_BLOCK_SHARE);
  let best: Element | undefined;
  let top = need - 1;
  for (const [el, n] of score) {
    if (n > top) {
      best = el;
      top = n;
    }
  }
  const fragmented = !best;
  best ??= fragmentedBlock(own, need);
  // Markup that declares itself beside or around the content is believed; class names are not.
  return !best || safeClosest(best, OUTSIDE_CONTENT) ? undefined : { el: best, fragmented };
}

/**
 * Where no one element holds enough of the prose (a page builder puts every paragraph or two in a widget of its
 * own), the nearest common ancestor of the largest paragraph containers that together hold enough, when they are
 * alike (one tag and class: the builder's repeated text widget, not the article beside a sidebar box); not the
 * page itself.
 */
function fragmentedBlock(own: Map<Element, number>, need: number): Element | undefined {
  const sorted = [...own].sort((a, b) => b[1] - a[1]);
  const shape = (el: Element) => `${el.tagName} ${el.getAttribute('class') ?? ''}`;
  const first = sorted[0];
  if (!first) return undefined;
  const parents = sorted.filter(([el]) => shape(el) === shape(first[0]));
  let sum = 0;
  let common: Element | undefined;
  for (const [el, n] of parents) {
    common = common ? commonAncestor([common, el]) : el;
    if (!common || SKELETON.has(common.tagName)) return undefined;
    sum += n;
    if (sum >= need) return common;
  }
  return undefined;
}

/** Elements whose tag or role says they are not the main content (HTML semantics, not class names). */
const OUTSIDE_CONTENT = 'aside, nav, footer, [role=complementary], [role=navigation], [role=contentinfo]';

/** Whether an element is too much of the article for a generic cue (class name, generic selector) to remove it. */
function holdsArticle(el: Element, pageChars: number, best: Element | undefined): boolean {
  return (!!best && containsNode(el, best)) || textLength(el) / pageChars > MAX_TOKEN_SHARE || proseChars(el) >= MAX_PROSE_CHARS;
}

/** An inline element whose parent has text of its own is part of a sentence, not a block (`text`: the element's). */
function standsAlone(el: Element, text: string): boolean {
  if (!INLINE_TAGS.has(el.tagName)) return true;
  const parent = el.parentElement;
  if (!parent) return true;
  return textLength(parent) <= text.length + 2;
}

export interface StripOptions {
  /** The element the outlet names as content; nothing containing it is removed. */
  protect?: Element[];
  /** Named settings of the thin-body retries (src/pipeline.ts); the first attempt uses the defaults. */
  settings?: StripSettings;
}

/**
 * What the strip step may remove. A page whose body came out thin is retried with some of these off: without
 * class/id token removal, then also with hidden elements shown and generic selector matches left in place
 * (pages that hide the article until a script shows it, or put it in an element named like an aside).
 */
export interface StripSettings {
  /** Remove by class/id tokens (default true). */
  tokens?: boolean;
  /** Show hidden elements instead of removing them (default false). */
  showHidden?: boolean;
  /** Apply the generic rules' selectors (default true). */
  genericSelectors?: boolean;
}

function hiddenHow(el: Element): string {
  if (el.hasAttribute('hidden')) return '[hidden]';
  if (el.getAttribute('aria-hidden') === 'true') return '[aria-hidden]';
  return '[style] hidden';
}

/**
 * A panel the reader opens on the page: a tab panel, the inside of a `<details>`, or an element a control names
 * in `aria-controls` (accordions, "read more" expanders). Hidden until clicked, it is the page's content when it
 * holds running text; a menu or a dialog shown the same way holds links and short lines.
 */
function isReaderPanel(el: Element, controlled: ReadonlySet<string>): boolean {
  const opens = el.getAttribute('role') === 'tabpanel' || (el.id !== '' && controlled.has(el.id)) || (!!el.parentElement && !!safeClosest(el.parentElement, 'details'));
  return opens && proseChars(el) > 0;
}

/** Removes hidden elements (they are not what a reader sees), and shows the panels a reader opens. */
export function removeHidden(ctx: PageContext, keep: Element[]): void {
  // The ids the page's controls open are read in the same walk that finds the hidden elements.
  const controlled = new Set<string>();
  const hidden = elementsWhere(ctx.document, (el) => {
    const ids = el.getAttribute('aria-controls');
    if (ids) for (const id of ids.split(/\s+/)) if (id) controlled.add(id);
    return isMarkedHidden(el);
  });
  for (const el of hidden) {
    if (!el.isConnected || SKELETON.has(el.tagName)) continue;
    if (isReaderPanel(el, controlled)) {
      showElement(el);
      continue;
    }
    removeRecorded(ctx, el, 'hidden', 'generic#hidden', hiddenHow(el), keep);
  }
}

function showElement(el: Element): void {
  el.removeAttribute('hidden');
  el.removeAttribute('aria-hidden');
  if (HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) el.removeAttribute('style');
}

/**
 * Shows what the markup hides, as the page's own script would: the last retry for pages that ship the article
 * hidden (`display:none` until a script reveals it). Readability skips hidden nodes, so leaving them is not enough.
 */
export function revealHidden(ctx: PageContext): void {
  for (const el of elementsWhere(ctx.document, isMarkedHidden)) showElement(el);
}

/** Removes every match of the rules' `remove[].selectors`. */
export function removeBySelectors(ctx: PageContext, keep: Element[], skipGeneric = false, best?: Element): void {
  const pageChars = textLength(ctx.document.body) || 1;
  // One walk of the page for every rule's selectors (see queryEach), then each item takes its matches.
  const found = queryEach(ctx.document, ctx.rules.flatMap((r) => (r.remove ?? []).flatMap((i) => i.selectors ?? [])));
  for (const rule of ctx.rules) {
    if (skipGeneric && rule.kind === 'generic') continue;
    // Generic selectors guess from markup that means boilerplate on most sites; platform and outlet selectors know.
    const guarded = rule.kind === 'generic';
    for (const item of rule.remove ?? []) {
      const name = itemName(rule, item);
      if (ctx.disabled.has(name)) continue;
      for (const sel of item.selectors ?? []) {
        for (const el of found.get(sel) ?? []) {
          if (!el.isConnected || el.tagName === 'HTML' || el.tagName === 'BODY') continue;
          if (guarded && holdsArticle(el, pageChars, best)) continue;
          removeRecorded(ctx, el, item.category, name, sel, keep);
        }
      }
    }
  }
}

/**
 * Rule items whose class tokens name a place beside the content ("sidebar", "widget"), not a kind of box: inside a
 * best text block made of a page builder's fragments, such a token is the builder's markup
 * (`elementor-widget-text-editor` around paragraphs). Inside an ordinary text block it still names an embedded box.
 */
const BESIDE_CONTENT_ITEMS = new Set(['generic#sidebar']);

/** Removes elements whose class or id carries a boilerplate token, unless they hold much of the page's text. */
export function removeByTokens(ctx: PageContext, keep: Element[], best?: Element, fragmented = false): void {
  const byToken = new Map<string, TokenItem>();
  for (const rule of ctx.rules) {
    for (const item of rule.remove ?? []) {
      const name = itemName(rule, item);
      if (ctx.disabled.has(name)) continue;
      for (const token of item.tokens ?? []) byToken.set(token.toLowerCase(), { rule: name, category: item.category, token });
    }
  }
  if (!byToken.size) return;
  const body = ctx.document.body;
  if (!body) return;
  const total = textLength(body) || 1;
  for (const el of elementsWhere(body, (e) => e.hasAttribute('class') || e.hasAttribute('id'))) {
    if (!el.isConnected || SKELETON.has(el.tagName)) continue;
    let hit: TokenItem | undefined;
    for (const t of classTokens(el)) if ((hit = byToken.get(t))) break;
    if (!hit) continue;
    if (holdsArticle(el, total, best)) continue;
    // A token that names a place beside the content does not apply inside a page builder's text region.
    if (best && fragmented && BESIDE_CONTENT_ITEMS.has(hit.rule) && containsNode(best, el)) continue;
    removeRecorded(ctx, el, hit.category, hit.rule, `token:${hit.token}`, keep);
  }
}

/** Removes short blocks that are mostly prompt or notice wording. */
export function removeByPhrases(ctx: PageContext, root: ParentNode, keep: Element[], rulePrefix = ''): void {
  // Read before any removal: a block's text changes only when something inside it goes, and that comes after it
  // in document order (so does the list after a label), where the block has already been read.
  const texts = shortTexts(root as Node, MAX_PHRASE_BLOCK_CHARS);
  for (const el of elementsWhere(root, (e) => PHRASE_BLOCKS.has(e.localName))) {
    const text = texts.get(el);
    if (!text || text.length > MAX_PHRASE_BLOCK_CHARS) continue;
    if (!el.parentNode || !root.contains(el)) continue;
    // The phrase check first: hits are rare, and telling whether a link stands alone builds its paragraph's text.
    const hit = ctx.phrases.match(text) ?? otherLanguageLabel(ctx, el, text);
    if (!hit || ctx.disabled.has(hit.rule) || !standsAlone(el, text)) continue;
    // A label for a list ("Related stories", "Tags:") takes the list that follows it when that list is links.
    const next = LIST_LABEL_CATEGORIES.has(hit.category) ? el.nextElementSibling : null;
    // Only the outermost short block that is mostly phrases goes; its parent must not be much larger text.
    if (!removeRecorded(ctx, el, hit.category, `${rulePrefix}${hit.rule}`, hit.phrase, keep)) continue;
    if (next && isLinkList(next)) removeRecorded(ctx, next, hit.category, `${rulePrefix}${hit.rule}`, `after:${hit.phrase}`, keep);
  }
}

/** Phrases of other languages than the page's are tried on blocks up to this long: a label, or a label and a link. */
const OTHER_LANGUAGE_LABEL_CHARS = 120;

/**
 * A phrase of any language on a link-like block: the block is a list of links, or labels one ("VEA TAMBIÉN" over
 * related stories on an English page). Only "related" labels count: they are phrases of several words, while a
 * navigation label is often one word that other languages share with another sense ("Homepage", "Menu"), and a
 * prompt or notice in another language than the page's is too often a quotation.
 */
function otherLanguageLabel(ctx: PageContext, el: Element, text: string): PhraseHit | undefined {
  if (text.length > OTHER_LANGUAGE_LABEL_CHARS) return undefined;
  const hit = ctx.relatedAnyLanguage?.match(text);
  if (!hit) return undefined;
  const next = el.nextElementSibling;
  return isLinkList(el) || (next && isLinkList(next)) ? hit : undefined;
}

/** Categories whose phrases label a list of links below them. */
const LIST_LABEL_CATEGORIES = new Set<Category>(['related', 'navigation']);
const LINK_LIST_DENSITY = 0.6;
const LINK_LIST_MAX_WORDS = 150;

/** A card list holds at least this many cards. */
const CARD_LIST_MIN_ITEMS = 2;
/** A card's headline link has at least this many characters (a headline, not "More"). */
const CARD_HEADLINE_CHARS = 15;
/** A card is short: a headline and an excerpt of at most this many words. */
const CARD_MAX_WORDS = 80;
/** Share of a card list's items that must be cards. */
const CARD_SHARE = 0.75;

/** A block that is mostly link text and not long: a list of stories, tags or sections. */
function isLinkList(el: Element): boolean {
  const text = textOf(el);
  if (!text) return false;
  if (text.split(' ').length > LINK_LIST_MAX_WORDS) return isCardList(el);
  const links = safeQueryAll(el, 'a').reduce((n, a) => n + textLength(a), 0);
  return links / text.length >= LINK_LIST_DENSITY || isCardList(el);
}

/**
 * A list of story cards: repeated siblings (after any single-child wrappers), nearly each a headline link and a
 * short excerpt. Excerpts make such a list too wordy to be seen by its link density.
 */
function isCardList(el: Element): boolean {
  let list: Element = el;
  while (list.children.length === 1) list = list.children[0]!;
  const items = Array.from(list.children);
  if (items.length < CARD_LIST_MIN_ITEMS) return false;
  let cards = 0;
  for (const item of items) {
    const words = textOf(item).split(' ').length;
    if (words > CARD_MAX_WORDS) return false;
    if (safeQueryAll(item, 'a[href]').some((a) => textLength(a) >= CARD_HEADLINE_CHARS)) cards++;
  }
  return cards / items.length >= CARD_SHARE;
}

const IMAGE_CAPTION_RULE = 'generic#image-caption';
/** A picture's label: the short text that shares a small container with exactly one picture. */
const CAPTION_MAX_CHARS = 200;
const CAPTION_MAX_WORDS = 30;
/** How far up from a picture its caption's container may be. */
const CAPTION_MAX_DEPTH = 3;
/** Pictures smaller than this (by their width or height attribute) are icons or emoji inside text, not figures. */
const MIN_FIGURE_PX = 60;
const ICON_CLASS = /emoji|icon|smil|logo|avatar|badge|rating|star/i;
/** Longer than a label, but signed like a caption: "(NASA via AP, File)", "Photo: Jane Doe", "Credit: Getty". */
const CAPTION_LONG_MAX_CHARS = 400;
/** A caption is mostly its own words: from this share of link text it is a teaser's linked headline. */
const CAPTION_MAX_LINK_SHARE = 0.5;
const CREDIT_TAIL = /(\([^()]{0,60}\b(ap|afp|reuters|getty( images)?|file|photo|foto|epa|dpa|imago|shutterstock|pool|handout)\b[^()]{0,40}\)|\b(photo|foto|credit|crédit|bild|image|picture)s?\s*:\s*[^.]{2,60})\.?$/i;

function isFigureImage(img: Element): boolean {
  if (ICON_CLASS.test(`${img.getAttribute('class') ?? ''} ${img.getAttribute('src') ?? ''}`)) return false;
  for (const attr of ['width', 'height']) {
    const v = Number.parseInt(img.getAttribute(attr) ?? '', 10);
    if (Number.isFinite(v) && v < MIN_FIGURE_PX) return false;
  }
  return true;
}

/**
 * Removes picture captions and credits that are not marked as such: the short text in the smallest container
 * around one picture (`<div><img><span>Caption. Photo: X</span></div>`, `<p><img><br>Credit</p>`). A container
 * with a second picture is a gallery or a teaser list and is left to the other steps.
 */
export function removeImageCaptions(ctx: PageContext, root: Element, keep: Element[] = []): void {
  if (ctx.disabled.has(IMAGE_CAPTION_RULE)) return;
  for (const img of safeQueryAll(root, 'img')) {
    if (!root.contains(img) || !isFigureImage(img)) continue;
    let el = img.parentElement;
    for (let depth = 0; el && el !== root && depth < CAPTION_MAX_DEPTH; depth++, el = el.parentElement) {
      if (safeQueryAll(el, 'img').length > 1) break;
      const text = textOf(el);
      if (!text) continue;
      // A picture with a linked headline is a teaser, not a figure: related lists are another step's job.
      const linkChars = safeQueryAll(el, 'a').reduce((n, a) => n + textLength(a), 0);
      const short = text.length <= CAPTION_MAX_CHARS && text.split(' ').length <= CAPTION_MAX_WORDS && proseChars(el) === 0;
      const signed = text.length <= CAPTION_LONG_MAX_CHARS && CREDIT_TAIL.test(text);
      if ((short || signed) && linkChars / text.length < CAPTION_MAX_LINK_SHARE) {
        removeRecorded(ctx, el, 'caption', IMAGE_CAPTION_RULE, 'img', keep);
      }
      break;
    }
  }
}

/** The strip step of the pipeline, in order: hidden, rule selectors, class/id tokens, phrases. Returns the best text block. */
export function stripBoilerplate(ctx: PageContext, options: StripOptions = {}): Element | undefined {
  const keep = [...ctx.rules.flatMap((r) => (r.keep ?? []).flatMap((sel) => safeQueryAll(ctx.document, sel))), ...(options.protect ?? [])];
  const settings = options.settings ?? {};
  if (settings.showHidden) revealHidden(ctx);
  else removeHidden(ctx, keep);
  // Found after hidden elements go (a hidden block is not the article) and before any generic cue acts.
  const found = ctx.document.body ? bestTextBlock(ctx.document.body) : undefined;
  const best = found?.el;
  removeBySelectors(ctx, keep, settings.genericSelectors === false, best);
  if (settings.tokens !== false) removeByTokens(ctx, keep, best, found?.fragmented);
  removeByPhrases(ctx, ctx.document, keep);
  return best;
}
