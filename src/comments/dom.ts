/**
 * DOM helpers for the comments module. Every walk here is iterative: a thread with a thousand nested replies
 * must not blow the stack, and jsdom and linkedom must give the same answers.
 */

// Shared selector helpers: compiled once and walked iteratively under linkedom, native under jsdom.
export { safeQueryAll as queryAll, safeMatches as matches } from '../html/dom-utils.js';

/** The element's id and class names, lower-cased. */
export function namesOf(el: Element): string[] {
  const out: string[] = [];
  const id = el.getAttribute('id');
  if (id) out.push(id.toLowerCase());
  const cls = el.getAttribute('class');
  if (cls) for (const c of cls.split(/\s+/)) if (c) out.push(c.toLowerCase());
  return out;
}

export function tagOf(el: Element): string {
  return el.tagName.toUpperCase();
}

export function removeNode(node: Node): void {
  node.parentNode?.removeChild(node);
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function textLength(node: Node | null | undefined): number {
  return collapse(node?.textContent ?? '').length;
}

/** Characters other than whitespace under `root`, not counting subtrees for which `skip` is true. */
export function ownTextSize(root: Element, skip: (el: Element) => boolean): number {
  let n = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      n += (node.nodeValue ?? '').replace(/\s+/g, '').length;
      continue;
    }
    if (node.nodeType !== 1 || (node !== root && skip(node as Element))) continue;
    const kids = node.childNodes;
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
      const kids = node.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return collapse(out).slice(0, max);
}

/** Elements under `root` (root included) in document order, without recursion. */
export function elementsIn(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    const kids = el.children;
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

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'TD', 'TH', 'UL', 'BR', 'CITE',
]);
const NO_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'BUTTON', 'INPUT', 'SVG']);

/**
 * Readable text of `roots`, skipping subtrees for which `skip` is true: blocks become paragraphs separated by
 * a blank line, runs of spaces collapse.
 */
export function readableText(roots: Element[], skip: (el: Element) => boolean = () => false): string {
  const parts: string[] = [];
  const stack: Array<Node | '\n'> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length) {
    const node = stack.pop()!;
    if (node === '\n') {
      parts.push('\n');
      continue;
    }
    if (node.nodeType === 3) {
      // Line breaks in the source are spaces; only blocks and <br> break lines.
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = tagOf(el);
    if (NO_TEXT.has(tag) || skip(el)) continue;
    const block = BLOCK.has(tag);
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts
    .join('')
    .split('\n')
    .map((l) => collapse(l))
    .filter(Boolean)
    .join('\n\n');
}
