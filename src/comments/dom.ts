/**
 * DOM helpers for the comments module. Every walk here is iterative: a thread with a thousand nested replies
 * must not blow the stack, and jsdom and linkedom must give the same answers.
 */

// Shared selector helpers: compiled once and walked iteratively under linkedom, native under jsdom.
export { safeQueryAll as queryAll, safeMatches as matches, textLength, textLengthUpTo } from '../html/dom-utils.js';
import { upperName } from '../dom/select.js';
import { nonSpaceCount } from '../html/dom-utils.js';

// The comment finders read every DOM helper from here; the common ancestor is shared with the strip step.
export { commonAncestor } from '../html/dom-utils.js';

// For reading a thread's comments: many selectors in one walk (each element is asked about some eighty), and
// the first match under an element through the compiled-selector cache.
export { queryEach, safeQuery as query } from '../html/dom-utils.js';

/** An element's id and class as read once, with facts derived from its names. */
export interface Attrs {
  id: string;
  cls: string;
  /** The id and class names, lower-cased (see namesOf). */
  names?: string[];
  commentNamed?: boolean;
  widgetNamed?: boolean;
  /** Tag and class signature, for grouping siblings (threads.ts, siblingSignature). */
  signature?: string;
  /** Whether the id and class are ASCII (see asciiNames). */
  ascii?: boolean;
}

let attrCache: Map<Element, Attrs> | undefined;

/**
 * Runs `fn` with each element's id and class read once: finding comments asks the same elements for their
 * names in several passes, and reading attributes is slow in linkedom. Only for work that changes no id or class.
 */
export function withAttrCache<T>(fn: () => T): T {
  const outer = attrCache;
  attrCache ??= new Map();
  try {
    return fn();
  } finally {
    attrCache = outer;
  }
}

export function attrsOf(el: Element): Attrs {
  const hit = attrCache?.get(el);
  if (hit) return hit;
  // Most of a page's elements carry no attribute at all: asked once, not once per name.
  const attrs: Attrs = el.hasAttributes() ? { id: el.getAttribute('id') ?? '', cls: el.getAttribute('class') ?? '' } : { id: '', cls: '' };
  attrCache?.set(el, attrs);
  return attrs;
}

/** The element's id and class names, lower-cased. */
export function namesOf(el: Element): string[] {
  return namesIn(attrsOf(el));
}

function namesIn(a: Attrs): string[] {
  if (!a.names) {
    const names: string[] = [];
    if (a.id) names.push(a.id.toLowerCase());
    if (a.cls) for (const c of a.cls.split(/\s+/)) if (c) names.push(c.toLowerCase());
    a.names = names;
  }
  return a.names;
}

const NON_ASCII_RE = /[^\x00-\x7f]/;

/**
 * Whether one of the element's names (id, or a class) contains a match of `re`, a case-insensitive pattern
 * whose matches hold no whitespace. On ASCII names the id and the whole class value are tested as they stand:
 * a class boundary is whitespace there, which every look-around of such a pattern treats like the end of a
 * name, so it is the same answer as testing each lower-cased name, without splitting (the split is kept for
 * other names, whose lower case can differ from what a case-insensitive match ignores).
 */
export function nameMatches(el: Element, re: RegExp): boolean {
  return namesMatch(attrsOf(el), re);
}

/** nameMatches, for names read already. */
export function namesMatch(a: Attrs, re: RegExp): boolean {
  const { id, cls } = a;
  if (id === '' && cls === '') return false;
  if (!asciiNames(a)) return namesIn(a).some((n) => re.test(n));
  return (id !== '' && re.test(id)) || (cls !== '' && re.test(cls));
}

/** Whether the names are tested as they stand by namesMatch (ASCII), not name by name lower-cased. */
export function asciiNames(a: Attrs): boolean {
  a.ascii ??= !NON_ASCII_RE.test(a.id) && !NON_ASCII_RE.test(a.cls);
  return a.ascii;
}

/** The tag name in upper case (jsdom keeps SVG names' case). */
export function tagOf(el: Element): string {
  return upperName(el.tagName);
}

export function removeNode(node: Node): void {
  node.parentNode?.removeChild(node);
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Characters other than whitespace under `root`, not counting subtrees for which `skip` is true. */
export function ownTextSize(root: Element, skip: (el: Element) => boolean): number {
  return ownTextSizeUpTo(root, skip, Infinity);
}

/** ownTextSize, stopped once it reaches `limit` (it returns at least `limit` then): has an element that much text? */
export function ownTextSizeUpTo(root: Element, skip: (el: Element) => boolean, limit: number): number {
  let n = 0;
  const stack: Node[] = [root];
  while (stack.length && n < limit) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      n += nonSpaceCount(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== 1 || (node !== root && skip(node as Element))) continue;
    const kids = childNodesOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return n;
}

/**
 * The first `max` characters of an element's text, with a space between elements (textContent runs
 * "Harzer66" and "31.10.2023" together, which hides the date).
 */
export function headText(root: Element, max = 400): string {
  let out = '';
  const stack: Node[] = [root];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    if (node.nodeType === 3) out += node.nodeValue ?? '';
    else if (node.nodeType === 1) {
      if (NO_TEXT.has(tagOf(node as Element))) continue;
      out += ' ';
      const kids = childNodesOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return collapse(out).slice(0, max);
}

/**
 * An element's child elements, and a node's child nodes, as plain arrays. `children` and `childNodes` are live
 * collections in jsdom: each one made is kept on its node and updated on every later change to the page,
 * which made detaching a large thread quadratic there.
 */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  return out;
}

export function childNodesOf(node: Node): Node[] {
  const out: Node[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** How many child elements `el` has, up to `max + 1`. */
export function childCount(el: Element, max: number): number {
  let n = 0;
  for (let c = el.firstElementChild; c && n <= max; c = c.nextElementSibling) n++;
  return n;
}

/** Whether `el` or one of its ancestors is in `set`: a walk up, so checking many elements against a large thread stays linear. */
export function withinSet(el: Element, set: ReadonlySet<Element>): boolean {
  if (!set.size) return false;
  for (let e: Element | null = el; e; e = e.parentElement) if (set.has(e)) return true;
  return false;
}

/** Elements under `root` (root included) in document order, without recursion. */
export function elementsIn(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    const kids = childElements(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Position of every element in document order, for sorting items found by different routes. */
export function documentOrder(doc: Document): Map<Element, number> {
  const order = new Map<Element, number>();
  const root = doc.documentElement;
  if (!root) return order;
  elementsIn(root).forEach((el, i) => order.set(el, i));
  return order;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'TD', 'TH', 'UL', 'BR', 'CITE',
]);
const NO_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'BUTTON', 'INPUT', 'SVG']);

/** Whitespace that collapse would change: a run, one at either end, or any whitespace but the plain space. */
const UNCOLLAPSED_RE = /[^\S ]|  |^ | $/;

/** collapse(line), without building a new string for a line already collapsed (most lines of text are). */
function collapsedLine(line: string): string {
  return UNCOLLAPSED_RE.test(line) ? collapse(line) : line;
}

/**
 * Readable text of `roots`, skipping subtrees for which `skip` is true: blocks become paragraphs separated by
 * a blank line, runs of spaces collapse.
 */
export function readableText(roots: Element[], skip: (el: Element) => boolean = () => false): string {
  const lines: string[] = [];
  // The text since the last block edge. Line breaks in the source are spaces; only blocks and <br> break lines.
  let line = '';
  const endLine = () => {
    const l = collapsedLine(line);
    if (l) lines.push(l);
    line = '';
  };
  const stack: Array<Node | '\n'> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length) {
    const node = stack.pop()!;
    if (node === '\n') {
      endLine();
      continue;
    }
    if (node.nodeType === 3) {
      line += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = tagOf(el);
    if (NO_TEXT.has(tag) || skip(el)) continue;
    if (BLOCK.has(tag)) {
      endLine();
      stack.push('\n');
    }
    const kids = childNodesOf(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  endLine();
  return lines.join('\n\n');
}
