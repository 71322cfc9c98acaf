/**
 * Dates printed for readers next to the headline: "Posted on April 13, 2023", "Jane Doe | July 2, 2025",
 * "Last Updated : 20 January 2025", "17.05.2021". Many pages (older ones above all) declare no date in
 * their markup and print it only there. The reader looks at the text just before and after the headline,
 * takes the small block around each date, and keeps it only when the block is a date line: little but
 * the date, its labels and a name or two is in it, so a sentence of the body that mentions a date is not
 * read as the page's date.
 */
import { findDates, labelOf, wordsBesideDates, type DateOrder } from '../dates.js';
import { safeQueryAll, textOf } from './dom-utils.js';

/** How much text before the headline is looked at (a date printed above it). */
const CHARS_BEFORE = 300;
/** How much text after the headline is looked at: the byline and date area, not the body's middle. */
const CHARS_AFTER = 1500;
/** Longest block read as a date line, in characters. */
const MAX_LINE = 160;
/** Most words a date line holds beside its dates and labels (an author's name and role, "6 min read"). */
const MAX_OTHER_WORDS = 6;
/** Headlines looked at when the page has several `<h1>` (the metadata reader hands its own in, the same first ten). */
export const MAX_HEADLINES = 10;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'SELECT', 'TEXTAREA', 'SVG', 'svg', 'BUTTON']);

export interface PageDates {
  published?: string;
  modified?: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The page's headline element among its first `<h1>`s: the one that agrees with the title, else the first with a few words. */
function headline(h1s: Element[], title: string | undefined): Element | undefined {
  const t = title ? norm(title) : '';
  const agreed = t ? h1s.find((h) => {
    const n = norm(textOf(h));
    return n.length > 0 && (t.includes(n) || n.includes(t));
  }) : undefined;
  return agreed ?? h1s.find((h) => textOf(h).split(/\s+/).length >= 3) ?? h1s[0];
}

interface Leaf {
  node: Text;
  length: number;
}

/**
 * The page's text nodes in document order up to `CHARS_AFTER` characters past `mark` (the rest of the page
 * is never looked at), and the index of the first one after `mark`'s own text.
 */
function textLeaves(root: Element, mark: Element): { leaves: Leaf[]; at: number; end: number } {
  const leaves: Leaf[] = [];
  let at = -1;
  let end = -1;
  let after = 0;
  const walk = (el: Element) => {
    if (el === mark) at = leaves.length;
    for (let n = el.firstChild; n && after < CHARS_AFTER; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const length = (n.nodeValue ?? '').trim().length;
        if (!length) continue;
        leaves.push({ node: n as Text, length });
        if (end >= 0) after += length;
      } else if (n.nodeType === 1 && !SKIP.has((n as Element).tagName)) walk(n as Element);
    }
    if (el === mark) end = leaves.length;
  };
  walk(root);
  return { leaves, at, end };
}

/** The smallest block around a text node that holds its whole date line (labels beside the date included). */
function lineAround(node: Text): Element | null {
  let el = node.parentElement;
  while (el?.parentElement && el.parentElement.tagName !== 'BODY' && (el.parentElement.textContent ?? '').trim().length <= MAX_LINE) el = el.parentElement;
  return el;
}

/** What an element's markup says of a date in it ("updated" in a class, `itemprop="dateModified"`). */
function markupLabel(el: Element): 'modified' | 'published' | undefined {
  for (let e: Element | null = el, i = 0; e && i < 3; e = e.parentElement, i++) {
    const marks = `${e.getAttribute('itemprop') ?? ''} ${e.getAttribute('class') ?? ''}`.toLowerCase();
    if (/modif|updat/.test(marks)) return 'modified';
    if (/publish|posted|created/.test(marks)) return 'published';
  }
  return undefined;
}

/** The publish and change dates printed around the headline; nothing when there is no headline. */
export function readPageDates(
  doc: Document,
  title: string | undefined,
  order: DateOrder = {},
  h1s: Element[] = safeQueryAll(doc, 'h1').slice(0, MAX_HEADLINES),
): PageDates {
  const h = headline(h1s, title);
  const body = doc.body;
  if (!h || !body) return {};
  const { leaves, at, end } = textLeaves(body, h);
  if (at < 0) return {};
  // After the headline first (the byline area), then before it, nearest first: a date above the masthead
  // is more often today's date than the article's.
  const window: Leaf[] = [];
  for (let i = end, chars = 0; i < leaves.length && chars < CHARS_AFTER; i++) {
    window.push(leaves[i]!);
    chars += leaves[i]!.length;
  }
  for (let i = at - 1, chars = 0; i >= 0 && chars < CHARS_BEFORE; i--) {
    window.push(leaves[i]!);
    chars += leaves[i]!.length;
  }
  const out: PageDates = {};
  const seen = new Set<Element>();
  for (const leaf of window) {
    if (!/\d/.test(leaf.node.nodeValue ?? '')) continue;
    const line = lineAround(leaf.node);
    if (!line || seen.has(line)) continue;
    seen.add(line);
    const text = (line.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > MAX_LINE) continue;
    const hits = findDates(text, order);
    if (!hits.length || wordsBesideDates(text, order).length > MAX_OTHER_WORDS) continue;
    for (const [i, hit] of hits.entries()) {
      const before = text.slice(i ? hits[i - 1]!.at + hits[i - 1]!.length : 0, hit.at);
      const label = labelOf(before) ?? (hits.length === 1 ? markupLabel(leaf.node.parentElement ?? line) : undefined) ?? 'published';
      if (label === 'modified') out.modified ??= hit.iso;
      else out.published ??= hit.iso;
    }
    if (out.published && out.modified) break;
  }
  return out;
}
