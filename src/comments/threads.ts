/**
 * Finding comment threads: the elements that are single comments, grouped into threads, each with the
 * section element that holds it. Three routes, most specific first: a rule's selectors, families of elements
 * named like comments (`li.comment`, `#comment-123`), and repeated siblings inside a container named for
 * comments.
 */
import { findDate, hasDate } from '../dates.js';
import {
  ARTICLE_MIN_TEXT,
  ARTICLE_SELECTORS,
  AUTHOR_SELECTORS,
  COMMENT_NAME_RE,
  ITEM_ID_RE,
  MAX_FOREIGN_PROSE,
  MAX_FOREIGN_SHARE,
  PART_NAME_RE,
  WRAPPER_NAME_RE,
} from './cues.js';
import { memoize } from '../memo.js';
import { attrsOf, childElements, childNodesOf, collapse, commonAncestor, headText, matches, ownTextSize, ownTextSizeUpTo, queryAll, tagOf, textLength, textLengthUpTo, withinSet } from './dom.js';
import { inWidget, isCommentNamed, isWidgetNamed } from './names.js';
import type { Page } from './page.js';
import { commentPatterns } from './words.js';

/** One comment in the page: its main element and, for `<dt>`/`<dd>` threads, the sibling elements that belong to it. */
export interface Item {
  el: Element;
  parts: Element[];
  /** The commenter's name as the finder saw it (a bold name leading the comment in hand-made markup). */
  author?: Element;
}

export interface Thread {
  items: Item[];
  /**
   * What to detach: the section element holding the thread with its headings, forms and controls; or, when the
   * comments sit beside the article in one container, the comments' own elements.
   */
  roots: Element[];
  /** How it was found, for the audit trail (`<rule id>#comments`, `comments#markup`...). */
  rule: string;
  provider?: string;
  /** Why the arbiter took it (its evidence and score, see arbiter.ts). */
  because?: string;
}

const COMMENT_FORM = ['commentform', 'comment-form', 'comment_form', 'respond']
  .flatMap((n) => [`[id*="${n}" i]`, `[class*="${n}" i]`])
  .join(', ');

/** Fields a reader types into: a comment form's, never a comment's own content. */
const FORM_FIELDS = 'textarea, select, input:not([type]), input[type="text"], input[type="email"], input[type="url"]';

/** Characters a comment has outside any form it holds (a reply form inside a comment is common). */
const MIN_COMMENT_OUTSIDE_FORM = 40;

const NOT_ITEM_TAGS = new Set([
  'A', 'SPAN', 'IMG', 'INPUT', 'TEXTAREA', 'BUTTON', 'SELECT', 'OPTION', 'LABEL', 'FORM', 'SCRIPT', 'STYLE', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'BODY', 'HTML', 'HEAD', 'META', 'LINK', 'IFRAME', 'TIME', 'ABBR', 'CITE', 'STRONG', 'EM', 'B',
  'I', 'BR', 'HR', 'TBODY', 'THEAD', 'NAV', 'MAIN', 'SMALL', 'FONT', 'NOSCRIPT',
]);

const MAX_META_LINE = 200;

/** Words besides its date that a meta line has at most ("Posted by: Ann Lee at"). */
const MAX_META_WORDS = 9;

/** A digit: every date has one (dates.ts), so text without one holds no date. */
export const DIGIT = /\d/;

/** A comment's meta line: short, a date, a "posted by" / "says" wording, and few other words. */
export function isMetaLine(el: Element, page?: Page): boolean {
  // Measured before the text is built: most elements asked are whole comments, far longer than a meta line.
  const length = page ? page.textLengthUpTo(el, MAX_META_LINE) : textLengthUpTo(el, MAX_META_LINE);
  if (!length || length > MAX_META_LINE) return false;
  const text = collapse(el.textContent ?? '');
  // Every date has a digit (dates.ts): most short lines (names, "Reply") have none, and the word test is the costly one.
  if (!DIGIT.test(text) || !commentPatterns().metaWord.test(text)) return false;
  const date = findDate(text);
  if (!date) return false;
  const rest = date.text.slice(0, date.at) + ' ' + date.text.slice(date.at + date.length);
  return (rest.match(/[\p{L}\p{N}]+/gu) ?? []).length <= MAX_META_WORDS;
}

/**
 * Meta lines printed beside each comment rather than inside it ("Posted by: Ann at ..." right after the
 * comment's element): when most comments have one on the same side, each such line becomes part of its comment
 * (and leaves the page with it, kept in its header or footer).
 */
export function withMetaSiblings(items: Item[], page?: Page): Item[] {
  if (!items.length) return items;
  const members = new Set(items.flatMap((i) => i.parts));
  const free = (e: Element | null): e is Element => !!e && !members.has(e) && isMetaLine(e, page);
  for (const side of ['nextElementSibling', 'previousElementSibling'] as const) {
    const edge = (it: Item) => (side === 'nextElementSibling' ? it.parts[it.parts.length - 1]! : it.parts[0]!)[side];
    const withMeta = items.filter((it) => free(edge(it))).length;
    if (withMeta < items.length && (withMeta < 2 || withMeta * 2 < items.length)) continue;
    const used = new Set<Element>();
    return items.map((it) => {
      const meta = edge(it);
      if (!free(meta) || used.has(meta)) return it;
      used.add(meta);
      return { ...it, parts: side === 'nextElementSibling' ? [...it.parts, meta] : [meta, ...it.parts] };
    });
  }
  return items;
}

function insideAny(el: Element, containers: Element[]): boolean {
  return containers.some((c) => c === el || c.contains(el));
}

const threadFacts = new WeakMap<Item[], { itemEls: Set<Element>; tops: Item[] }>();

/** A thread's elements and top-level items, read once per list of items (a section is tried level after level). */
function threadOf(items: Item[]): { itemEls: Set<Element>; tops: Item[] } {
  let known = threadFacts.get(items);
  if (!known) threadFacts.set(items, (known = { itemEls: new Set(items.flatMap((i) => i.parts)), tops: topLevel(items) }));
  return known;
}

/**
 * Whether `el` may be detached as a comment section holding `items`: it must not be the page's body, must not
 * contain the article, and must not hold much prose that is not in the comments.
 */
export function holdsOnlyComments(page: Page, el: Element, items: Item[]): boolean {
  const tag = tagOf(el);
  if (tag === 'BODY' || tag === 'HTML' || tag === 'MAIN' || el === page.body) return false;
  const { itemEls, tops } = threadOf(items);
  for (const marker of page.articleMarkers()) {
    if (el.contains(marker) && !withinSet(marker, itemEls)) return false;
  }
  for (const h1 of page.under(el, ['H1'])) if (!withinSet(h1, itemEls)) return false;
  const len = (e: Element) => page.textLength(e);
  let inItems = 0;
  for (const it of tops) for (const p of it.parts) if (el.contains(p)) inItems += len(p);
  let inForms = 0;
  for (const f of page.under(el, ['FORM'])) if (!withinSet(f, itemEls)) inForms += len(f);
  const foreign = len(el) - inItems - inForms;
  if (foreign <= MAX_FOREIGN_PROSE) return true;
  const outside = page.bodyTextLength() - inItems;
  return foreign <= MAX_FOREIGN_SHARE * outside;
}

/**
 * Whether the items make up most of the article's body container while nothing but their place says they are
 * comments (no comment word in their names, no author or date): then they are the article's sections (a CMS's
 * content elements with ids like `c110429`), not comments under it.
 */
export function fillsArticleBody(page: Page, items: Item[]): boolean {
  const tops = topLevel(items);
  const first = tops[0]?.el;
  if (!first || tops.some((it) => isCommentNamed(it.el) || it.parts.some((p) => hasCues(page, p)))) return false;
  for (const marker of page.bodyMarkers()) {
    if (marker === first || !marker.contains(first)) continue;
    let inItems = 0;
    for (const it of tops) for (const p of it.parts) if (marker.contains(p)) inItems += page.textLength(p);
    if (inItems > 0.5 * page.textLength(marker)) return true;
  }
  return false;
}

/** Whether at least `need` of `els` pass `test`, asking no more of them than it takes to know. */
export function atLeast<T>(els: readonly T[], test: (el: T) => boolean, need: number): boolean {
  let yes = 0;
  let no = 0;
  for (const el of els) {
    if (test(el)) yes++;
    else no++;
    if (yes >= need) return true;
    if (els.length - no < need) return false;
  }
  return yes >= need;
}

/** More than half of `els` pass `test` (asking no more of them than it takes to know). */
export function mostly<T>(els: readonly T[], test: (el: T) => boolean): boolean {
  return atLeast(els, test, Math.floor(els.length / 2) + 1);
}

/** Items not inside another item. */
export function topLevel(items: Item[]): Item[] {
  const set = new Set(items.map((i) => i.el));
  return items.filter((i) => {
    for (let e = i.el.parentElement; e; e = e.parentElement) if (set.has(e)) return false;
    return true;
  });
}

/** The `<dt>`/`<dd>` siblings that belong to an item in a definition-list thread. */
function partsOf(el: Element, members: Set<Element>): Element[] {
  const tag = tagOf(el);
  if (tag !== 'DT' && tag !== 'DD') return [el];
  const parts: Element[] = [];
  if (tag === 'DD') {
    const prev = el.previousElementSibling;
    if (prev && tagOf(prev) === 'DT' && !members.has(prev)) parts.push(prev);
  }
  parts.push(el);
  for (let s = el.nextElementSibling; s && tagOf(s) === 'DD' && !members.has(s); s = s.nextElementSibling) parts.push(s);
  return parts;
}

/** The page's title and article containers: what a comment never holds. */
const NOT_COMMENTS = `h1, ${ARTICLE_SELECTORS.join(', ')}`;

/** The elements under `root` that may unmake a comment holding them: a headline, an article, a form's field. */
function unmakers(root: Element): Element[] {
  return queryAll(root, `${NOT_COMMENTS}, ${FORM_FIELDS}`);
}

/**
 * Items from elements, dropping any that holds the page's title or an article container (an `<article>` is a
 * comment only when it is named like one). Checked from those elements upwards, so a deep thread costs no more
 * than a flat one.
 */
export function toItems(els: Element[], page?: Page): Item[] {
  const members = new Set(els);
  const root = commonAncestor(els);
  const invalid = new Set<Element>();
  // One walk of the thread for both kinds of element that unmake a comment (a long thread is walked once), kept
  // by the page when there is one: finders reading nested scopes often find their items under the same container.
  const found = !root ? [] : page ? page.fact(unmakers, root) : unmakers(root);
  if (root) {
    for (const bad of found.filter((e) => matches(e, NOT_COMMENTS))) {
      const isArticle = tagOf(bad) === 'ARTICLE';
      if (tagOf(bad) !== 'H1' && isCommentNamed(bad)) continue;
      if (tagOf(bad) !== 'H1' && !isArticle && bad.getAttribute('itemprop') !== 'articleBody' && textLength(bad) < ARTICLE_MIN_TEXT) continue;
      for (let e: Element | null = isArticle ? bad.parentElement : bad; e; e = e.parentElement) {
        if (members.has(e)) invalid.add(e);
        if (e === root) break;
      }
    }
  }
  // A comment form and its fields are not comments; a comment with a reply form inside has text and a date
  // outside the form.
  if (root) {
    const inForm = (e: Element) => tagOf(e) === 'FORM' || tagOf(e) === 'TEXTAREA' || matches(e, COMMENT_FORM);
    for (const box of found.filter((e) => matches(e, FORM_FIELDS))) {
      for (let e: Element | null = box; e; e = e.parentElement) {
        // Only members are read (their text outside forms, then their date): the field's other ancestors may be large.
        const dated = (m: Element) => hasDate(headText(m, 1500)) || !!m.querySelector('time[datetime]');
        if (members.has(e) && (ownTextSizeUpTo(e, inForm, MIN_COMMENT_OUTSIDE_FORM) < MIN_COMMENT_OUTSIDE_FORM || !dated(e))) invalid.add(e);
        if (e === root) break;
      }
    }
  }
  const kept = els.filter((el) => !invalid.has(el));
  const keptSet = new Set(kept);
  return kept.map((el) => ({ el, parts: partsOf(el, keptSet) }));
}

/** Items named by a rule's `item` selector inside `scope`. */
export function itemsBySelector(scope: Element, selector: string): Item[] {
  return withMetaSiblings(toItems(queryAll(scope, selector)));
}

interface Family {
  key: string;
  cls?: string;
  idPattern?: string;
  members: Element[];
}

/** The family an element belongs to when it looks like one comment: tag plus its comment-ish class or id pattern. */
function familyKey(el: Element): { key: string; cls?: string; idPattern?: string } | undefined {
  const tag = tagOf(el);
  if (NOT_ITEM_TAGS.has(tag)) return undefined;
  const { id, cls: classes } = attrsOf(el);
  const idItem = id && ITEM_ID_RE.test(id) && !PART_NAME_RE.test(id);
  const cls = classes
    .split(/\s+/)
    .find((c) => c && COMMENT_NAME_RE.test(c) && !PART_NAME_RE.test(c) && !/^comment-author-|^c-|^comment-\d+$/i.test(c));
  if (!idItem && !cls) return undefined;
  const idPattern = idItem ? id.toLowerCase().replace(/[0-9a-f]{12,}|\d+/gi, '#') : undefined;
  return { key: `${tag}|${cls?.toLowerCase() ?? ''}|${idPattern ?? ''}`, cls: cls?.toLowerCase(), idPattern };
}

function isWrapperFamily(f: Family): boolean {
  const named = f.idPattern ? WRAPPER_NAME_RE.test(f.idPattern) : !!f.cls && WRAPPER_NAME_RE.test(f.cls);
  if (!named) return false;
  // Several of them side by side under one parent are single comments, whatever their name (`div.COMMENTS`).
  const [first] = f.members;
  const siblings = f.members.length >= 2 && f.members.every((m) => m.parentElement === first!.parentElement);
  return !siblings;
}

/** Hidden by its own markup (a collapsed "this comment was hidden" stub), not by a closed thread around it. */
function hiddenItself(el: Element): boolean {
  return el.hasAttribute('hidden') || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '');
}

/** Text of each member that is not in a nested member of the same family. */
function ownTextTotal(members: Element[]): { total: number; max: number } {
  const set = new Set(members);
  let total = 0;
  let max = 0;
  for (const m of members) {
    const own = ownTextSize(m, (e) => set.has(e));
    total += own;
    max = Math.max(max, own);
  }
  return { total, max };
}

/**
 * Groups of elements named like single comments under `scope`. Families that only wrap many comments (`.comments`,
 * `#comment-list`) or that are one part of each comment of another family (`.comment-body` inside `li.comment`)
 * are dropped, so each comment is counted once.
 */
export function itemsByMarkup(page: Page, scope: Element, exclude: Element[]): Item[][] {
  const byKey = new Map<string, Family>();
  for (const el of page.itemNamed(scope)) {
    const k = familyKey(el);
    if (!k) continue;
    let fam = byKey.get(k.key);
    if (!fam) byKey.set(k.key, (fam = { ...k, members: [] }));
    fam.members.push(el);
  }
  let families = [...byKey.values()].filter((f) => {
    if (isWrapperFamily(f)) return false;
    f.members = f.members.filter((m) => !insideAny(m, exclude) && !inWidget(m, scope) && !hiddenItself(m));
    if (!f.members.length) return false;
    const { total, max } = ownTextTotal(f.members);
    if (max < 15 || total / f.members.length < 8) return false;
    // Links to comments elsewhere (a "latest comments" list) are not this page's thread.
    return !mostly(f.members, (m) => page.fact(linkDensity, m) > 0.8);
  });

  // A family whose members each sit alone inside a member of another family is a part of that family's comments.
  const owner = new Map<Element, Family>();
  for (const f of families) for (const m of f.members) if (!owner.has(m)) owner.set(m, f);
  const parts = new Set<Family>();
  for (const f of families) {
    const hosts = new Map<Element, number>();
    let hosted = 0;
    let hostFamily: Family | undefined;
    for (const m of f.members) {
      for (let e = m.parentElement; e && e !== scope.parentElement; e = e.parentElement) {
        const g = owner.get(e);
        if (g && g !== f) {
          if (!hostFamily) hostFamily = g;
          if (g === hostFamily) {
            hosted++;
            hosts.set(e, (hosts.get(e) ?? 0) + 1);
          }
          break;
        }
      }
    }
    if (hostFamily && hosted >= 0.8 * f.members.length) {
      const maxPerHost = Math.max(...hosts.values());
      // One inside each: the same comment twice; the outer element is the comment (it holds the meta lines).
      if (maxPerHost <= 1) parts.add(f);
      else if (hostFamily.members.length < f.members.length) parts.add(hostFamily);
    }
  }
  families = families.filter((f) => !parts.has(f));

  // In `<dl>` threads the `<dd>` family belongs to the `<dt>` items before it.
  const dtMembers = new Set(families.filter((f) => f.key.startsWith('DT|')).flatMap((f) => f.members));
  if (dtMembers.size) {
    families = families.filter((f) => {
      if (!f.key.startsWith('DD|')) return true;
      const paired = f.members.filter((m) => {
        let s = m.previousElementSibling;
        while (s && tagOf(s) === 'DD') s = s.previousElementSibling;
        return !!s && dtMembers.has(s);
      }).length;
      return paired < 0.8 * f.members.length;
    });
  }

  // Families whose members share a container make one thread.
  const groups: Array<{ lca: Element; els: Element[] }> = [];
  for (const f of families) {
    const lca = commonAncestor(f.members)!;
    const hit = groups.find((g) => g.lca === lca || g.lca.contains(lca) || lca.contains(g.lca));
    if (hit) {
      hit.els.push(...f.members);
      hit.lca = commonAncestor([hit.lca, lca])!;
    } else groups.push({ lca, els: [...f.members] });
  }
  // A lone element named like a comment is one only with a comment's id or its author or date cues.
  return groups
    .filter((g) => g.els.length > 1 || ITEM_ID_RE.test(g.els[0]!.getAttribute('id') ?? '') || hasDateCue(g.els[0]!))
    .map((g) => withMetaSiblings(toItems(page.sorted(g.els), page), page))
    .filter((items) => items.length > 0);
}

export function siblingSignature(el: Element): string {
  const a = attrsOf(el);
  a.signature ??= `${tagOf(el)}|${classSignature(a.cls)}`;
  return a.signature;
}

/** The same class values recur on many siblings and pages. */
const classSignature = memoize(20000, (cls: string) => cls.replace(/\d+/g, '#').replace(/\b(?:even|odd|alt|first|last)\b/g, '').trim());

const AUTHOR_CUE = AUTHOR_SELECTORS.slice(0, -3).join(',');

export function hasAuthorCue(el: Element): boolean {
  if (queryAll(el, AUTHOR_CUE).length > 0) return true;
  return commentPatterns().authorCue.test(headText(el, 300));
}

/** Characters a sibling needs to be a comment. */
const MIN_SIBLING_TEXT = 15;

/**
 * Comments as repeated siblings: the largest group of same-looking children under `scope` whose members carry
 * text and, mostly, a date or an author. With `strict`, every member needs both (for containers not named for
 * comments).
 *
 * Linear in the page: one walk that skips excluded subtrees and widgets, each child grouped once, every
 * per-element fact computed once, and the cheap tests (count, length) before the costly ones (cues, links).
 */
export function itemsBySiblings(page: Page, scope: Element, strict = false, exclude: Element[] = []): Item[] | undefined {
  if (inWidget(scope, scope.ownerDocument.documentElement)) return undefined;
  const excluded = new Set(exclude);
  if (excluded.size && withinSet(scope, excluded)) return undefined;
  // Facts of an element's subtree, kept by the page: nested comment-named scopes ask them of the same elements.
  const len = (e: Element) => page.textLength(e);
  // Measured only as far as the least a comment has: most elements asked are long, and few need their full length.
  const tooShort = (e: Element) => page.textLengthUpTo(e, MIN_SIBLING_TEXT) < MIN_SIBLING_TEXT;
  const cues = (e: Element) => hasCues(page, e);
  const strictCues = (e: Element) => hasStrictCues(page, e);
  const meta = (e: Element) => page.fact(isMetaLine, e);
  const linky = (e: Element) => page.fact(linkDensity, e);
  let best: { els: Element[]; cued: number; text: number } | undefined;
  const minMembers = strict ? 3 : 2;
  const tagCount = new Map<string, number>();
  const stack: Element[] = [scope];
  while (stack.length) {
    const parent = stack.pop()!;
    const kids = page.childrenOf(parent);
    for (let i = kids.length - 1; i >= 0; i--) if (!excluded.has(kids[i]!) && !isWidgetNamed(kids[i]!)) stack.push(kids[i]!);
    // A definition list in a comment area is a thread even with one comment: the <dt> carries its meta line.
    if (!strict && tagOf(parent) === 'DL') {
      const terms = kids.filter((k) => tagOf(k) === 'DT');
      if (terms.length && (!best || terms.length > best.cued) && terms.every(cues)) {
        best = { els: terms, cued: terms.length, text: len(parent) };
      }
      continue;
    }
    // A group to look at has `least` members (see below), all of one tag: the children that may be comments are
    // counted by tag, and only those of a tag that many share are grouped (most parents have none).
    const least = best ? Math.max(minMembers, best.cued) : minMembers;
    if (kids.length < least) continue;
    const tags: Array<string | undefined> = [];
    tagCount.clear();
    let most = 0;
    for (const k of kids) {
      const tag = tagOf(k);
      if (tag === 'DD' || NOT_ITEM_TAGS.has(tag) || isWidgetNamed(k)) {
        tags.push(undefined);
        continue;
      }
      tags.push(tag);
      const n = (tagCount.get(tag) ?? 0) + 1;
      tagCount.set(tag, n);
      if (n > most) most = n;
    }
    if (most < least) continue;
    const members = kids.filter((_, i) => tags[i] !== undefined && tagCount.get(tags[i]!)! >= least);
    const groups = new Map<string, Element[]>();
    const push = (key: string, k: Element) => {
      const g = groups.get(key);
      if (g) g.push(k);
      else groups.set(key, [k]);
    };
    for (const k of members) {
      push(siblingSignature(k), k);
      // Inside a comment area, same-tag siblings may differ in class (`li.member`, `li.guest`).
      if (!strict) push(`${tagOf(k)}|*`, k);
    }
    for (const [sig, els] of groups) {
      // Unnamed siblings are alike by chance more often: ask for one more of them.
      if (els.length < (sig.endsWith('|') ? minMembers + 1 : minMembers)) continue;
      // At most every member is cued: a group smaller than the best one cannot beat it.
      if (best && els.length < best.cued) continue;
      if (sig.endsWith('|*') && els.every((e) => siblingSignature(e) === siblingSignature(els[0]!))) continue;
      if (els.some(tooShort)) continue;
      if (strict && !els.every(strictCues)) continue;
      if (sig.endsWith('|*') && !els.every(cues)) continue;
      // Meta lines alone ("Posted by: Ann at ...") are the comments' edges, not the comments.
      if (mostly(els, meta)) continue;
      const cued = strict ? els.length : els.filter(cues).length;
      if (cued < (strict ? els.length : Math.ceil(els.length / 2))) continue;
      const text = els.reduce((a, e) => a + len(e), 0);
      if (best && (cued < best.cued || (cued === best.cued && text <= best.text))) continue;
      // Lists of links (topics, other stories' comments) are not a thread: a comment says something besides
      // a linked title and a date.
      if (mostly(els, (e) => linky(e) > 0.7 || !page.fact(saysSomething, e))) continue;
      // Teasers of other stories carry a byline and a date too, but also a headline or a headline link.
      if (strict && els.some((e) => queryAll(e, 'h1,h2,h3').length > 0 || linky(e) > 0.5)) continue;
      if (strict && atLeast(els, (e) => queryAll(e, 'a').some((a) => len(a) > 30), Math.ceil(els.length / 2))) continue;
      best = { els, cued, text };
    }
  }
  if (best && !strict) {
    // Siblings with the same tag and a comment's cues belong too, whatever their class (`li.member`, `li.guest`).
    const chosen = new Set(best.els);
    const first = best.els[0]!;
    best.els = childElements(first.parentElement!).filter((k) => chosen.has(k) || (tagOf(k) === tagOf(first) && !tooShort(k) && cues(k)));
    // Replies in lists nested inside list items are comments too, one level down.
    if (tagOf(first) === 'LI') {
      const nested = best.els.flatMap((m) => page.fact(listItemsIn, m).filter((li) => !tooShort(li) && cues(li)));
      best.els = [...best.els, ...nested];
    }
  }
  const items = best ? withMetaSiblings(toItems(best.els, page), page) : [];
  return items.length ? items : undefined;
}

/** The list items under an element (replies nested in a comment's list item). */
function listItemsIn(el: Element): Element[] {
  return queryAll(el, 'li');
}

/** A date or an author near the top of an element: what a comment's meta line carries. */
function hasDateCue(el: Element): boolean {
  return dateInHead(el) || timeInside(el);
}

/** A date in the first 400 characters of an element's text. */
function dateInHead(el: Element): boolean {
  return hasDate(headText(el));
}

function timeInside(el: Element): boolean {
  return !!el.querySelector('time[datetime]');
}

/**
 * The cues of a comment's meta line, each read once per element and kept by the page (Page.fact): the finders
 * and the judge ask them of the same comments, finder after finder.
 */
export const cuesOf = {
  /** A date near the top, or a machine time inside (hasDateCue). */
  date: (page: Page, el: Element): boolean => page.fact(dateInHead, el) || page.fact(timeInside, el),
  dateInHead: (page: Page, el: Element): boolean => page.fact(dateInHead, el),
  time: (page: Page, el: Element): boolean => page.fact(timeInside, el),
  author: (page: Page, el: Element): boolean => page.fact(hasAuthorCue, el),
  metaLine: (page: Page, el: Element): boolean => page.fact(isMetaLine, el),
};

/** A date or an author near the top of an element. */
function hasCues(page: Page, el: Element): boolean {
  return cuesOf.date(page, el) || cuesOf.author(page, el);
}

/** A date near the top and an author cue: what every member of a strict (loose) sibling group needs. */
function hasStrictCues(page: Page, el: Element): boolean {
  return cuesOf.dateInHead(page, el) && cuesOf.author(page, el);
}

/** Letters an element needs outside its links and its date to say something. */
const MIN_OWN_LETTERS = 12;

function saysSomething(el: Element): boolean {
  let text = '';
  const stack: Node[] = [el];
  while (stack.length && text.length < 400) {
    const node = stack.pop()!;
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    else if (node.nodeType === 1 && tagOf(node as Element) !== 'A' && tagOf(node as Element) !== 'SCRIPT' && tagOf(node as Element) !== 'STYLE') {
      text += ' ';
      const kids = childNodesOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  const date = findDate(text);
  const rest = date ? date.text.slice(0, date.at) + ' ' + date.text.slice(date.at + date.length) : text;
  return (rest.match(/\p{L}/gu) ?? []).length >= MIN_OWN_LETTERS;
}

function linkDensity(el: Element, page: Page): number {
  const total = page.textLength(el);
  if (!total) return 1;
  return page.linkTextLength(el) / total;
}

/**
 * The section to detach for a thread: from the items' common container up through ancestors named for comments
 * (`#comments`, `.comment-wrapper`), as long as none of them holds the article.
 */
export function sectionOf(page: Page, items: Item[], start?: Element): Element | undefined {
  const all = items.flatMap((i) => i.parts);
  const first = start ?? commonAncestor(all);
  if (!first) return undefined;
  let root: Element = first;
  if (items.length === 1 && root === items[0]!.el && root.parentElement) root = root.parentElement;
  if (!holdsOnlyComments(page, root, items)) return undefined;
  for (let steps = 0; steps < 6; steps++) {
    const p: Element | null = root.parentElement;
    if (!p || p === page.body) break;
    const named = isCommentNamed(p) && !isWidgetNamed(p);
    const anonymous = !p.getAttribute('id') && !p.getAttribute('class');
    const grand = p.parentElement;
    if (named && holdsOnlyComments(page, p, items)) root = p;
    else if (anonymous && grand && grand !== page.body && isCommentNamed(grand) && holdsOnlyComments(page, grand, items)) root = grand;
    else break;
  }
  return root;
}
