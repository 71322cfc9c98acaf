import { compiledList, endOf, nextInList, NODE_END, selectAll, selectEach, selectOne, usesCache } from '../dom/select.js';
/** Small DOM helpers that behave the same under jsdom and linkedom. */

/** querySelectorAll that returns nothing for a selector the DOM cannot parse (rule files are data). */
export function safeQueryAll(root: ParentNode, selector: string): Element[] {
  if (usesCache(root)) {
    const test = compiledList(selector);
    return test ? selectAll(root, test) : [];
  }
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

export function safeQuery(root: ParentNode, selector: string): Element | null {
  if (usesCache(root)) {
    const test = compiledList(selector);
    return test ? selectOne(root, test) : null;
  }
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/**
 * Elements under `root` (not root itself) passing a plain test, in document order, as querySelectorAll gives
 * them. For checks a selector would spell as a long list (`[class*="a" i], [class*="b" i], ...`): the selector
 * engine tests each alternative on each element, one regular expression on one attribute is far cheaper.
 */
export function elementsWhere(root: ParentNode, test: (el: Element) => boolean): Element[] {
  return selectAll(root, test);
}

/** Element.matches that is false for a selector the DOM cannot parse. */
export function safeMatches(el: Element, selector: string): boolean {
  if (usesCache(el)) return compiledList(selector)?.(el) ?? false;
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** Element.closest that is null for a selector the DOM cannot parse. */
export function safeClosest(el: Element, selector: string): Element | null {
  for (let e: Element | null = el; e; e = e.parentElement) if (safeMatches(e, selector)) return e;
  return null;
}

/** Text with whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** JavaScript's \s (and what trim() removes): the characters textOf collapses. */
export function isSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 &&
        (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/** Characters of `s` other than whitespace (JavaScript's \s), without building the string without them. */
export function nonSpaceCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) n++;
  return n;
}

/**
 * `textOf(node).length` without building the text: each run of whitespace (across text nodes too) counts as one
 * character, leading and trailing runs as none. Steps that weigh elements by their text only need its length,
 * and the page's whole text was built and collapsed for it several times a page.
 */
export function textLength(node: Node | null | undefined): number {
  return textLengthUpTo(node, Infinity);
}

/** textLength, stopped once past `limit` (it returns what it has counted, more than `limit`): is an element short? */
export function textLengthUpTo(node: Node | null | undefined, limit: number): number {
  if (!node) return 0;
  const type = node.nodeType;
  if (type !== 1 && type !== 11) return textOf(node).length;
  let n = 0;
  let space = false; // a whitespace run is pending (counted once, if text follows)
  let started = false;
  // A linkedom subtree's text is read along its node list, in document order, without the children getters.
  const end = endOf(node);
  let cur: Node | null = end ? nextInList(node) : node.firstChild;
  while (cur && cur !== end) {
    const t = cur.nodeType;
    if (t === 3 || t === 4) {
      const s = cur.nodeValue ?? '';
      for (let i = 0; i < s.length; i++) {
        if (isSpace(s.charCodeAt(i))) space = started;
        else {
          if (space) n++;
          space = false;
          started = true;
          n++;
        }
      }
      if (n > limit) return n;
    }
    if (end) cur = nextInList(cur);
    else if (t === 1 && cur.firstChild) cur = cur.firstChild;
    else {
      while (cur !== node && !cur.nextSibling) cur = cur.parentNode!;
      if (cur === node) break;
      cur = cur.nextSibling;
    }
  }
  return n;
}

/** Removes an element from its parent (no-op when detached). */
export function detach(el: Node): void {
  el.parentNode?.removeChild(el);
}

/** Whether `a` contains `b` (or is it). */
export function containsNode(a: Node, b: Node): boolean {
  return a === b || a.contains(b);
}

/** The deepest element containing all of `els`. */
export function commonAncestor(els: Element[]): Element | undefined {
  if (els.length === 0) return undefined;
  let chain: Element[] = [];
  for (let e: Element | null = els[0]!; e; e = e.parentElement) chain.push(e);
  const at = new Map(chain.map((e, i) => [e, i]));
  let best = 0;
  for (const el of els.slice(1)) {
    let e: Element | null = el;
    while (e && !at.has(e)) e = e.parentElement;
    if (!e) return undefined;
    best = Math.max(best, at.get(e)!);
  }
  chain = chain.slice(best);
  return chain[0];
}

export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH', 'UL', 'CAPTION', 'SUMMARY',
]);

/**
 * Matches many selectors with one walk of the document: the union is queried once and each match is
 * attributed to the selectors it matches. Per-selector queries walk the whole page once each, which made
 * rule matching the slowest step. A selector the DOM cannot parse is skipped, not fatal.
 */
export function queryEach(root: ParentNode, selectors: string[]): Map<string, Element[]> {
  if (usesCache(root)) return selectEach(root, [...new Set(selectors)]);
  const out = new Map<string, Element[]>();
  const doc = (root as Node).ownerDocument ?? (root as Document);
  // Parse check on an empty element: same selector engine, no walk of the page.
  const probe = doc.createElement('div');
  const valid = [...new Set(selectors)].filter((s) => {
    try {
      probe.querySelector(s);
      return true;
    } catch {
      return false;
    }
  });
  if (!valid.length) return out;
  let found: Element[];
  try {
    found = [...root.querySelectorAll(valid.join(', '))];
  } catch {
    for (const s of valid) out.set(s, safeQueryAll(root, s));
    return out;
  }
  for (const el of found) {
    for (const s of valid) {
      let hit = false;
      try {
        hit = el.matches(s);
      } catch {
        hit = false;
      }
      if (hit) {
        const list = out.get(s);
        if (list) list.push(el);
        else out.set(s, [el]);
      }
    }
  }
  return out;
}

/**
 * textOf of every element under `root` (root too, if an element) with at most `max` non-space characters, in one pass from the
 * leaves up: each text node's whitespace is collapsed once and an element's text is joined from its children's.
 * Calling textOf on each short block collapsed the same text once for every level it is nested in. Longer
 * elements are left out without building their text (reading textContent of every container is quadratic in
 * the page's depth).
 */
export function shortTexts(root: Node, max: number): Map<Node, string> {
  const end = endOf(root);
  if (end) return shortTextsInList(root, end, max);
  const order: Node[] = [];
  // linkedom gives a document's doctype no next sibling: a document's children are read from its childNodes.
  const stack: Node[] = root.nodeType === 9 ? Array.from(root.childNodes) : [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  const chars = new Map<Node, number>();
  // Each node's text with every whitespace run made one space, ends not yet trimmed: joined, two runs meeting
  // at a boundary are one run.
  const runs = new Map<Node, string>();
  const out = new Map<Node, string>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const type = n.nodeType;
    if (type === 3 || type === 4) {
      const value = n.nodeValue ?? '';
      const count = nonSpaceCount(value);
      chars.set(n, count);
      if (count <= max) runs.set(n, value.replace(/\s+/g, ' '));
      continue;
    }
    let count = 0;
    for (let c = n.firstChild; c; c = c.nextSibling) count += chars.get(c) ?? 0;
    chars.set(n, count);
    if (count > max) continue;
    let text = '';
    for (let c = n.firstChild; c; c = c.nextSibling) text = joinRuns(text, runs.get(c));
    runs.set(n, text);
    if (type === 1) out.set(n, text.trim());
  }
  return out;
}

/** Two texts whose whitespace runs are each one space, joined: where two runs meet they are one. */
function joinRuns(text: string, part: string | undefined): string {
  if (!part) return text;
  return text.charCodeAt(text.length - 1) === 32 && part.charCodeAt(0) === 32 ? text + part.slice(1) : text + part;
}

/**
 * shortTexts of a linkedom subtree, in one pass along its node list (root, then `end`, its end marker): an element's
 * count and text are summed while it is open and settled at its end marker, where every element closes in the
 * order the pass from the leaves up settles them. Without the children getters and the per-node maps.
 */
function shortTextsInList(root: Node, end: Node, max: number): Map<Node, string> {
  const out = new Map<Node, string>();
  // The open elements, root first, with each one's non-space count so far and its text (kept while within max).
  const open: Node[] = [root];
  const counts: number[] = [0];
  const texts: string[] = [''];
  const add = (count: number, run: () => string) => {
    const top = open.length - 1;
    const total = (counts[top] = counts[top]! + count);
    if (total <= max) texts[top] = joinRuns(texts[top]!, run());
  };
  for (let n = nextInList(root); ; n = nextInList(n)) {
    const type = n === end ? NODE_END : n.nodeType;
    if (type === 3 || type === 4) {
      const value = n.nodeValue ?? '';
      add(nonSpaceCount(value), () => value.replace(/\s+/g, ' '));
    } else if (type === 1) {
      open.push(n);
      counts.push(0);
      texts.push('');
    } else if (type === NODE_END) {
      const el = open.pop()!;
      const count = counts.pop()!;
      const text = texts.pop()!;
      if (count <= max && el.nodeType === 1) out.set(el, text.trim());
      if (!open.length) return out;
      add(count, () => text);
    }
  }
}

/** Elements under `root` whose tag is in `tags` and that hold no element of `tags` (the innermost blocks). */
export function innermost(root: Element, tags: Set<string>): Element[] {
  const all = safeQueryAll(root, '*');
  const holdsBlock = new Set<Element>();
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (tags.has(el.tagName) || holdsBlock.has(el)) {
      const p = el.parentElement;
      if (p) holdsBlock.add(p);
    }
  }
  return all.filter((el) => tags.has(el.tagName) && !holdsBlock.has(el));
}
