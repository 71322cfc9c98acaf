/**
 * Flat threads: comments printed as plain siblings after a "Comments" heading, with no element around each
 * one (Movable Type and TypePad's classic templates: a text, then "Posted by: Ann at April 6, 2007 3:09 PM").
 * The meta lines cut the run into comments.
 */
import { COMMENT_NAME_RE } from './cues.js';
import { childCount, collapse, elementsIn, namesOf, queryAll, tagOf } from './dom.js';
import type { Page } from './page.js';
import { isMetaLine, siblingSignature, type Item } from './threads.js';
import { commentPatterns } from './words.js';

const HEADING = /^H[1-6]$/;
const MAX_HEADING = 80;

function level(el: Element): number {
  return Number(tagOf(el).slice(1));
}

function isCommentHeading(page: Page, h: Element): boolean {
  // Measured before the text is built: a section's heading may hold a whole block.
  const length = page.textLengthUpTo(h, MAX_HEADING);
  if (!length || length > MAX_HEADING) return false;
  const text = collapse(h.textContent ?? '');
  const { headingStart, counter } = commentPatterns();
  return headingStart.test(text) || counter.test(text) || namedForComments(page, h);
}

/**
 * Whether the heading or an element in it has a comment word in its id, a class or its `name`. Its elements
 * are walked from the page as read: an element without those attributes has no names to test, so every one
 * is asked, with no selector matching.
 */
function namedForComments(page: Page, h: Element): boolean {
  const stack: Element[] = [h];
  while (stack.length) {
    const e = stack.pop()!;
    if (namesOf(e).some((n) => COMMENT_NAME_RE.test(n))) return true;
    const name = e.hasAttributes() ? e.getAttribute('name') : null;
    if (name && COMMENT_NAME_RE.test(name.toLowerCase())) return true;
    stack.push(...page.childrenOf(e));
  }
  return false;
}

function hasText(el: Element): boolean {
  return collapse(el.textContent ?? '').length > 0;
}

/** The element whose following siblings are the thread: the heading, or the wrapper it is alone in. */
function anchorOf(h: Element): Element {
  let a = h;
  for (let i = 0; i < 2 && !a.nextElementSibling && a.parentElement; i++) {
    const p = a.parentElement;
    if (childCount(p, 1) !== 1 || collapse(p.textContent ?? '').length > MAX_HEADING) break;
    a = p;
  }
  return a;
}

/** Text allowed between a comment heading and its blocks, or between the blocks (rules, a prompt), to detach with them. */
const MAX_BETWEEN = 200;

/**
 * Comments as same-looking blocks after a comment heading, each holding its own meta line ("posted on October
 * 24, 2012 at 7:26 PM by Darren" in a footer): the most numerous such group, when it holds most of the run's text.
 */
function blocksWithMetaLines(page: Page, run: Element[]): Element[] | undefined {
  const groups = new Map<string, Element[]>();
  for (const el of run) {
    const sig = siblingSignature(el);
    const g = groups.get(sig);
    if (g) g.push(el);
    else groups.set(sig, [el]);
  }
  const total = run.reduce((n, e) => n + collapse(e.textContent ?? '').length, 0);
  let best: Element[] | undefined;
  for (const els of groups.values()) {
    if (els.length < 2 || (best && els.length <= best.length)) continue;
    // isMetaLine measures an element before it reads its text: asking it of every element inside is cheap.
    const metaInside = (e: Element) => elementsIn(e).some((d) => d !== e && page.fact(isMetaLine, d));
    if (!els.every(metaInside)) continue;
    const text = els.reduce((n, e) => n + collapse(e.textContent ?? '').length, 0);
    if (text >= 0.5 * total) best = els;
  }
  return best;
}

export interface FlatThread {
  items: Item[];
  roots: Element[];
}

/** Flat threads in page order; one does not start inside another (the arbiter compares them with other finders'). */
export function flatThreads(page: Page): FlatThread[] {
  const out: FlatThread[] = [];
  let claimed: Element[] = [];
  const taken = (el: Element) => claimed.some((c) => c === el || c.contains(el) || el.contains(c));
  for (const h of page.headings()) {
    if (tagOf(h) === 'H1' || taken(h) || !isCommentHeading(page, h)) continue;
    const anchor = anchorOf(h);
    const run: Element[] = [];
    for (let s = anchor.nextElementSibling; s; s = s.nextElementSibling) {
      const tag = tagOf(s);
      if (HEADING.test(tag) && level(s) <= level(h)) break;
      if (tag === 'FORM' || queryAll(s, 'textarea, h1, article').length || taken(s)) break;
      if (page.articleMarkers().some((m) => s.contains(m))) break;
      run.push(s);
    }
    const metas = run.filter((e) => page.fact(isMetaLine, e));
    if (!metas.length) {
      const blocks = blocksWithMetaLines(page, run);
      if (!blocks) continue;
      const last = run.indexOf(blocks[blocks.length - 1]!);
      const span = run.slice(0, last + 1);
      const members = new Set(blocks);
      const between = span.filter((e) => !members.has(e)).reduce((n, e) => n + collapse(e.textContent ?? '').length, 0);
      const roots = between <= MAX_BETWEEN ? [anchor, ...span] : blocks;
      out.push({ items: blocks.map((el) => ({ el, parts: [el] })), roots });
      claimed = [...claimed, ...roots];
      continue;
    }
    const metaSet = new Set(metas);
    const firstMeta = run.indexOf(metas[0]!);
    const metaLast = run.slice(0, firstMeta).some((e) => hasText(e));
    const groups: Element[][] = [];
    let cur: Element[] = [];
    for (const el of run) {
      const meta = metaSet.has(el);
      if (metaLast) {
        cur.push(el);
        if (meta) {
          groups.push(cur);
          cur = [];
        }
      } else {
        if (meta && cur.length) groups.push(cur);
        if (meta) cur = [];
        cur.push(el);
      }
    }
    // After the last meta line of a "text, then meta" thread comes something else (a prompt, a footer).
    if (!metaLast && cur.length) groups.push(cur);
    const items = groups
      .filter((g) => g.some((e) => hasText(e) && !metaSet.has(e)))
      .map((g) => ({ el: g.find(hasText) ?? g[0]!, parts: g }));
    if (!items.length) continue;
    out.push({ items, roots: [anchor, ...groups.flat()] });
    claimed = [...claimed, anchor, ...groups.flat()];
  }
  return out;
}
