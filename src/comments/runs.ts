/**
 * Hand-made and old markup (2000s templates, static pages): comments printed after a comment heading with no
 * markup of their own. The heading ("Comments", "Reader comments", "Have your say", "3 Responses") starts a
 * run of the elements that follow it; the run is cut into comments by the first shape that fits:
 *
 *   1. a list, definition list or table holding the run: its rows (`<li>`, `<dt>`+`<dd>`, `<tr>`);
 *   2. `<hr>` rules between comments (`<b>name</b><br>text<hr>`): the stretches between them;
 *   3. short dated lines (a name and a time, "Ann, 3 May 2008 10:15") before or after each text;
 *   4. repeated blocks of one shape (`<p>`, `<div>`) each carrying a date.
 *
 * Every cut needs at least two comments and a date, or a name, in each: a run of the article's own paragraphs
 * under a heading like "Comments on the plan" has neither. The arbiter weighs what this proposes (arbiter.ts).
 * Stretches of loose text and inline elements are wrapped in one `<div>` each so they can be read and detached
 * like any comment; `unwrap` puts them back when the arbiter leaves the thread.
 */
import { findDate, hasDate } from '../dates.js';
import { isSpace, nonSpaceCount } from '../html/dom-utils.js';
import { collapse, queryAll, tagOf } from './dom.js';
import { commentHeadingLead, isCommentHeadingText } from './arbiter.js';
import { inWidget } from './names.js';
import type { Page } from './page.js';
import { atLeast, hasAuthorCue, siblingSignature, type Item } from './threads.js';

const HEADING = /^H[1-6]$/;
/** The heading elements that may head a run: not the page's title. */
const HEADING_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);
/** Elements that may print a heading line in old markup (`<p><b>Comments</b></p>`, `<td>Reader comments</td>`). */
const LINE_TAGS = new Set(['B', 'STRONG', 'P', 'DIV', 'TD', 'SPAN', 'FONT']);
/** A comment needs this much text. */
const MIN_ITEM_TEXT = 15;
/** A line that only names the commenter and the time is short. */
const MAX_STAMP_LINE = 120;
/** Words besides the date a name-and-time line has at most ("Posted by Ann Lee, a reader, at"). */
const MAX_STAMP_WORDS = 8;
const TEXT_NODE = 3;
/** A comment heading line is short ("Reader comments (14)"). */
const MAX_HEADING_CHARS = 60;
/** A name printed in bold before a comment's text is short. */
const MAX_NAME = 50;
/** Elements of a run that may be text between comments (a rule, a prompt) without ending it. */
const RUN_TAGS_END = new Set(['FORM', 'TEXTAREA', 'H1', 'ARTICLE', 'MAIN', 'NAV', 'FOOTER', 'ASIDE', 'SCRIPT']);

export interface RunThread {
  items: Item[];
  roots: Element[];
  /** Elements made to hold loose text: to be unwrapped if the thread is not taken. */
  wrappers: Element[];
}

function level(el: Element): number {
  return HEADING.test(tagOf(el)) ? Number(tagOf(el).slice(1)) : 7;
}

/**
 * An element's text, collapsed, when it has at most `max` characters; undefined when it has more or none. Stops
 * reading once past `max`, so asking it of every element of the page is linear, unlike textContent.
 */
function shortText(el: Element, max: number): string | undefined {
  let raw = '';
  let chars = 0;
  // firstChild / nextSibling: linkedom builds an array for every childNodes read.
  let n: Node | null = el.firstChild;
  while (n) {
    if (n.nodeType === TEXT_NODE) {
      const v = n.nodeValue ?? '';
      // Counted only up to one past `max`: a paragraph's long text node need not be counted to the end.
      chars += nonSpaceCountUpTo(v, max - chars + 1);
      if (chars > max) return undefined;
      raw += v;
    } else if (n.firstChild) {
      n = n.firstChild;
      continue;
    }
    while (n !== el && !n.nextSibling) n = n.parentNode!;
    if (n === el) break;
    n = n.nextSibling;
  }
  const text = collapse(raw);
  return text && text.length <= max ? text : undefined;
}

/** What an element's text begins with: no text, or a first letter that a comment heading may (or may not) have. */
type Lead = 'none' | boolean;

/**
 * Whether an element's text begins as a comment heading's can (commentHeadingLead). Every element of the page is
 * asked, and a wrapper shares its first text with the elements that open it: the answer found for one is kept for
 * every element on the way down to that text, so the page's text is not walked again and again, level by level.
 */
function leadTester(): (el: Element) => boolean {
  const lead = commentHeadingLead();
  const known = new Map<Element, Lead>();
  return (el) => {
    const seen = known.get(el);
    if (seen !== undefined) return seen === true;
    // The elements entered and not yet left: the first text found is the first text of each of them.
    const open: Element[] = [el];
    let found: Lead = 'none';
    let n: Node | null = el.firstChild;
    search: for (;;) {
      while (n) {
        if (n.nodeType === TEXT_NODE) {
          const v = n.nodeValue ?? '';
          const at = firstNonSpace(v);
          if (at >= 0) {
            lead.lastIndex = at;
            found = lead.test(v);
            break search;
          }
        } else if (n.nodeType === 1) {
          const child = n as Element;
          const answer = known.get(child);
          if (answer === true || answer === false) {
            found = answer;
            break search;
          }
          if (answer === undefined) {
            if (child.firstChild) {
              open.push(child);
              n = child.firstChild;
              continue;
            }
            known.set(child, 'none');
          }
        }
        n = n.nextSibling;
      }
      // The last element entered holds no text.
      const done = open.pop()!;
      known.set(done, 'none');
      if (done === el) break;
      n = done.nextSibling;
    }
    for (const e of open) known.set(e, found);
    return found === true;
  };
}

/** Where the first character of `s` other than whitespace is, or -1. */
function firstNonSpace(s: string): number {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return i;
  return -1;
}

/** Characters of `s` other than whitespace, counted up to `limit` (nonSpaceCount, stopping early). */
function nonSpaceCountUpTo(s: string, limit: number): number {
  let n = 0;
  // Each slice is as long as the characters still wanted, so it can never count past `limit`.
  for (let i = 0; i < s.length && n < limit; ) {
    const part = s.slice(i, i + (limit - n));
    n += nonSpaceCount(part);
    i += part.length;
  }
  return n;
}

/** Headings of comment runs: heading elements, and short bold or paragraph lines standing alone. */
function commentHeadings(page: Page): Element[] {
  const out: Element[] = [];
  const leadsLikeHeading = leadTester();
  const tags = page.tags();
  const elements = page.elements();
  for (let i = 0; i < elements.length; i++) {
    const tag = tags[i]!;
    const heading = HEADING_TAGS.has(tag);
    if (!heading && !LINE_TAGS.has(tag)) continue;
    const el = elements[i]!;
    // Cheap tests first: a heading line has few children and little text (every element of the page comes here).
    if (page.childrenOf(el).length > 2) continue;
    // Read only text that begins as a heading's can, and only as much as a heading can have: most elements here
    // are paragraphs or wrappers of the page.
    if (!leadsLikeHeading(el)) continue;
    const text = shortText(el, MAX_HEADING_CHARS);
    if (!text) continue;
    // Wording alone for headings; other lines must be the whole heading text (no "3 comments" counters in a byline).
    // The wording is tested first: it rules out nearly every element, and the query below walks the subtree.
    if (!isCommentHeadingText(text)) continue;
    if (heading) {
      out.push(el);
      continue;
    }
    // A block line stands alone: no element children beyond inline ones.
    if (queryAll(el, 'p,div,table,ul,ol,dl,br').length) continue;
    if (/^(?:\d+\s+)?\p{L}[\p{L}' ]*(?:\s*\(\d+\))?\s*:?$/u.test(text)) out.push(el);
  }
  return out;
}

/** The element whose following siblings are the run: the heading, or the wrapper it is alone in. */
function anchorOf(h: Element): Element {
  let a = h;
  for (let i = 0; i < 3 && !a.nextSibling && a.parentElement; i++) {
    const p = a.parentElement;
    if (collapse(p.textContent ?? '').length > 80) break;
    a = p;
  }
  return a;
}

/** The nodes after the anchor up to the end of the run. */
function runNodes(page: Page, anchor: Element, h: Element): Node[] {
  const nodes: Node[] = [];
  for (let n = anchor.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as Element;
      const tag = tagOf(el);
      if (HEADING.test(tag) && level(el) <= level(h)) break;
      if (RUN_TAGS_END.has(tag) || queryAll(el, 'form, textarea, h1, article').length) break;
      if (page.articleMarkers().some((m) => el === m || el.contains(m))) break;
      nodes.push(el);
    } else if (n.nodeType === 3) nodes.push(n);
  }
  return nodes;
}

/**
 * Texts read during one `headingRuns` call: every cut of a run reads the same blocks again. Wrapping loose text
 * moves nodes into a new element but changes no element's text, so what is known stays true for the call.
 */
let texts: Map<Node, string> | undefined;

function textOf(n: Node): string {
  let text = texts?.get(n);
  if (text === undefined) {
    text = collapse(n.textContent ?? '');
    texts?.set(n, text);
  }
  return text;
}

/** A line that names the commenter and the time: short, dated, few other words. */
function isStampLine(text: string): boolean {
  if (!text || text.length > MAX_STAMP_LINE) return false;
  const d = findDate(text);
  if (!d) return false;
  const rest = `${d.text.slice(0, d.at)} ${d.text.slice(d.at + d.length)}`;
  const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= 1 && words.length <= MAX_STAMP_WORDS;
}

/** The commenter's name in bold leading a stretch (`<b>Ann</b><br>text`). */
function leadingName(nodes: Node[]): Element | undefined {
  const first = nodes.find((n) => textOf(n));
  if (!first || first.nodeType !== 1) return undefined;
  const el = first as Element;
  const bold = ['B', 'STRONG', 'CITE'].includes(tagOf(el)) ? el : [...el.children].find((c) => ['B', 'STRONG', 'CITE'].includes(tagOf(c)));
  const name = bold ? textOf(bold) : '';
  const text = nodes.map(textOf).join(' ');
  return bold && name && name.length <= MAX_NAME && textOf(el).startsWith(name) && text.length > name.length + MIN_ITEM_TEXT ? bold : undefined;
}

/** Words a commenter's name has at most, when it is printed before the date ("Ann Lee, London, 3 May 2008"). */
const MAX_NAME_WORDS = 6;

/**
 * A block carries a name and a time: a date near its start or end, and a name: a bold one leading it, an author's
 * markup or wording (`.author`, "says", "posted by"), or a few words before the date. A teaser of another story
 * carries a date too, after a headline of many words.
 */
function nameAndTime(el: Element): boolean {
  const text = textOf(el);
  if (text.length < MIN_ITEM_TEXT) return false;
  if (!(hasDate(text.slice(0, 300)) || hasDate(text.slice(-200)))) return false;
  if (leadingName([el]) || hasAuthorCue(el)) return true;
  const d = findDate(text.slice(0, 300));
  if (!d) return false;
  const before = (d.text.slice(0, d.at).match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return before >= 1 && before <= MAX_NAME_WORDS;
}

/** A stretch starts with a commenter's name in bold, or holds a date. */
function namedOrDated(nodes: Node[]): boolean {
  const text = nodes.map(textOf).join(' ');
  if (text.length < MIN_ITEM_TEXT) return false;
  return hasDate(text.slice(0, 300)) || hasDate(text.slice(-200)) || !!leadingName(nodes);
}

function wrap(doc: Document, nodes: Node[]): Element {
  const div = doc.createElement('div');
  nodes[0]!.parentNode!.insertBefore(div, nodes[0]!);
  for (const n of nodes) div.appendChild(n);
  return div;
}

/** Puts wrapped nodes back where they were. */
export function unwrap(wrappers: Element[]): void {
  for (const w of wrappers) {
    const parent = w.parentNode;
    if (!parent) continue;
    while (w.firstChild) parent.insertBefore(w.firstChild, w);
    parent.removeChild(w);
  }
}

/** Stretches of nodes cut by a predicate on separators (kept out of the stretches). */
function cut(nodes: Node[], isSeparator: (n: Node) => boolean): Node[][] {
  const out: Node[][] = [[]];
  for (const n of nodes) {
    if (isSeparator(n)) out.push([]);
    else out[out.length - 1]!.push(n);
  }
  return out.filter((s) => s.some((n) => textOf(n)));
}

/** The share of the parts' text in links (the lengths kept by the page, which the other finders ask too). */
function linkShare(page: Page, parts: Element[]): number {
  let all = 0;
  let links = 0;
  for (const p of parts) {
    all += page.textLength(p);
    links += page.linkTextLength(p);
    if (tagOf(p) === 'A') links += page.textLength(p);
  }
  return all ? links / all : 1;
}

function itemsOf(els: Element[]): Item[] {
  return els.map((el) => {
    const author = leadingName([el]);
    return { el, parts: [el], ...(author ? { author } : {}) };
  });
}

/** 1. Rows of a list or table that holds most of the run. */
function byRows(nodes: Node[]): Element[] | undefined {
  const total = nodes.reduce((n, x) => n + textOf(x).length, 0);
  for (const n of nodes) {
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    if (textOf(el).length < 0.6 * total) continue;
    const tag = tagOf(el);
    let rows: Element[] = [];
    if (tag === 'OL' || tag === 'UL') rows = [...el.children].filter((c) => tagOf(c) === 'LI');
    else if (tag === 'TABLE') rows = queryAll(el, 'tr').filter((tr) => tr.closest('table') === el);
    else if (tag === 'DL') rows = [...el.children].filter((c) => tagOf(c) === 'DT' || tagOf(c) === 'DD');
    else continue;
    rows = rows.filter((r) => textOf(r).length > 0);
    if (tag === 'DL') {
      // A term and its definitions make one comment: the term (usually the name and time) leads.
      const terms = rows.filter((r) => tagOf(r) === 'DT');
      if (terms.length >= 1 && terms.every((t) => hasDate(textOf(t)) || hasDate(textOf(t.nextElementSibling ?? t)))) return terms;
      continue;
    }
    // A table's rows may alternate a name-and-time row and a text row: each pair is one comment.
    if (tag === 'TABLE' && rows.length >= 4 && rows.filter((r, i) => i % 2 === 0 && isStampLine(textOf(r))).length >= rows.length / 2 - 0.5) {
      return rows.filter((_, i) => i % 2 === 0);
    }
    if (rows.length >= 2 && atLeast(rows, nameAndTime, Math.max(2, 0.8 * rows.length))) return rows;
  }
  return undefined;
}

/** Pairs of rows read as one comment each: a stamp row and the text row after it. */
function pairRows(rows: Element[]): Item[] {
  return rows.map((r) => {
    const tag = tagOf(r);
    const parts = [r];
    if (tag === 'DT') for (let s = r.nextElementSibling; s && tagOf(s) === 'DD'; s = s.nextElementSibling) parts.push(s);
    else if (tag === 'TR' && isStampLine(textOf(r)) && r.nextElementSibling && !isStampLine(textOf(r.nextElementSibling))) parts.push(r.nextElementSibling);
    return { el: r, parts };
  });
}

/** Comment threads as runs after comment headings, in page order (the arbiter compares them with other finders'). */
export function headingRuns(page: Page): RunThread[] {
  texts = new Map();
  try {
    return runsAfterHeadings(page);
  } finally {
    texts = undefined;
  }
}

function runsAfterHeadings(page: Page): RunThread[] {
  const out: RunThread[] = [];
  const doc = page.doc;
  for (const h of commentHeadings(page)) {
    if (out.some((t) => t.roots.some((r) => r.contains(h))) || inWidget(h, page.body)) continue;
    const anchor = anchorOf(h);
    let nodes = runNodes(page, anchor, h);
    // One container holding the run: its children are the run.
    for (let i = 0; i < 2; i++) {
      const els = nodes.filter((n): n is Element => n.nodeType === 1);
      const total = nodes.reduce((n, x) => n + textOf(x).length, 0);
      const main = els.find((e) => textOf(e).length >= 0.8 * total && !['OL', 'UL', 'DL', 'TABLE', 'P'].includes(tagOf(e)));
      if (!main || els.some((e) => e !== main && textOf(e).length > 200)) break;
      nodes = [...main.childNodes].filter((n) => n.nodeType === 1 || n.nodeType === 3);
    }
    const els = nodes.filter((n): n is Element => n.nodeType === 1);
    if (!els.length) continue;
    const total = nodes.reduce((n, x) => n + textOf(x).length, 0);
    if (total < 2 * MIN_ITEM_TEXT) continue;

    let items: Item[] | undefined;
    const wrappers: Element[] = [];

    // 1. A list or table.
    const rows = byRows(nodes);
    if (rows) items = pairRows(rows);

    // 2. Rules between comments.
    if (!items && nodes.some((n) => n.nodeType === 1 && tagOf(n as Element) === 'HR')) {
      const stretches = cut(nodes, (n) => n.nodeType === 1 && tagOf(n as Element) === 'HR');
      // What follows the last rule (a footer, a prompt) is not a comment.
      if (stretches.length > 1 && !namedOrDated(stretches[stretches.length - 1]!)) stretches.pop();
      if (stretches.length >= 2 && stretches.filter(namedOrDated).length >= Math.max(2, 0.8 * stretches.length)) {
        items = stretches.filter(namedOrDated).map((s) => {
          const blocks = s.filter((n) => n.nodeType === 1 || textOf(n));
          const single = blocks.length === 1 && blocks[0]!.nodeType === 1 ? (blocks[0] as Element) : undefined;
          const el = single ?? wrap(doc, s);
          if (!single) wrappers.push(el);
          const author = leadingName([el]);
          return { el, parts: [el], ...(author ? { author } : {}) };
        });
      }
    }

    // 3. Name-and-time lines before (or after) each text.
    if (!items) {
      const blocks = els.filter((e) => textOf(e));
      // A name-and-time line is not a linked headline with its date (another story's teaser).
      const stamps = blocks.filter((e) => isStampLine(textOf(e)) && linkShare(page, [e]) <= 0.5);
      if (stamps.length >= 2 && stamps.length <= blocks.length - stamps.length + 1) {
        const stampSet = new Set(stamps);
        const firstIsStamp = stampSet.has(blocks[0]!);
        const groups: Element[][] = [];
        let cur: Element[] = [];
        for (const b of blocks) {
          if (firstIsStamp ? stampSet.has(b) && cur.length : false) {
            groups.push(cur);
            cur = [];
          }
          cur.push(b);
          if (!firstIsStamp && stampSet.has(b)) {
            groups.push(cur);
            cur = [];
          }
        }
        if (cur.length && firstIsStamp) groups.push(cur);
        const good = groups.filter((g) => g.some((e) => !stampSet.has(e) && textOf(e).length >= MIN_ITEM_TEXT) && g.some((e) => stampSet.has(e)));
        if (good.length >= 2 && good.length >= 0.8 * groups.length) {
          items = good.map((g) => ({ el: g.find((e) => !stampSet.has(e)) ?? g[0]!, parts: g }));
        }
      }
    }

    // 4. Repeated blocks, each dated or named.
    if (!items) {
      const groups = new Map<string, Element[]>();
      for (const e of els) {
        if (page.textLength(e) < MIN_ITEM_TEXT) continue;
        const sig = siblingSignature(e);
        groups.set(sig, [...(groups.get(sig) ?? []), e]);
      }
      let best: Element[] | undefined;
      for (const g of groups.values()) {
        if (g.length < 2 || (best && g.length <= best.length)) continue;
        if (!atLeast(g, nameAndTime, Math.max(2, 0.8 * g.length))) continue;
        if (g.reduce((n, e) => n + textOf(e).length, 0) < 0.5 * total) continue;
        best = g;
      }
      if (best) items = itemsOf(best);
    }

    // Lists of links (other stories, the site's latest comments) are no thread: a comment says something.
    if (items && items.filter((it) => linkShare(page, it.parts) > 0.6).length * 2 > items.length) items = undefined;
    if (!items || items.length < 1) {
      unwrap(wrappers);
      continue;
    }
    // The section: the heading and the run up to the element holding the last comment (what follows stays).
    const last = items[items.length - 1]!.parts.at(-1)!;
    const roots: Element[] = [anchor];
    for (let s = anchor.nextElementSibling; s; s = s.nextElementSibling) {
      roots.push(s);
      if (s === last || s.contains(last)) break;
    }
    if (!roots.some((r) => r === last || r.contains(last))) {
      unwrap(wrappers);
      continue;
    }
    out.push({ items, roots, wrappers });
  }
  return out;
}
