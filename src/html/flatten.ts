/**
 * Deeply nested wrapper chains (a div whose only content is one div, thousands deep) make Readability's
 * conditional cleaning revisit every descendant of every ancestor: 2,000 levels took 90 s here, 100,000
 * never finished. Real articles are rarely more than a few dozen levels deep, so only pages past
 * MAX_DEPTH are touched: each wrapper that holds nothing but one element is replaced by that element.
 */
import { endOf, nextInList, NODE_END } from '../dom/select.js';
import { detach } from './dom-utils.js';

/** Deeper than this, the page is flattened. */
export const MAX_DEPTH = 200;

function depthOver(root: Node, limit: number): boolean {
  // This runs on every page (twice: before and after the comments leave). A linkedom subtree is read along its
  // document-order node list: one step down at each element, one up at each element's end marker.
  const end = endOf(root);
  if (end) {
    let d = 0;
    for (let n = nextInList(root); n !== end; n = nextInList(n)) {
      if (n.nodeType === 1) {
        if (++d > limit) return true;
      } else if (n.nodeType === NODE_END) d--;
    }
    return false;
  }
  // Elsewhere a walk by firstChild / nextSibling / parentNode keeps the depth in a counter.
  let n: Node = root;
  let d = 0;
  for (;;) {
    if (d > limit) return true;
    let c = n.firstChild;
    while (c && c.nodeType !== 1) c = c.nextSibling;
    if (c) {
      n = c;
      d++;
      continue;
    }
    for (;;) {
      if (n === root) return false;
      let s = n.nextSibling;
      while (s && s.nodeType !== 1) s = s.nextSibling;
      if (s) {
        n = s;
        break;
      }
      n = n.parentNode!;
      d--;
    }
  }
}

/** The only child element of `el` when `el` has no other content (no text, no second element). */
function soleChild(el: Element): Element | null {
  let only: Element | null = null;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      if (only) return null;
      only = c as Element;
    } else if (c.nodeType === 3 && /\S/.test(c.nodeValue ?? '')) return null;
  }
  return only;
}

/**
 * On a page deeper than MAX_DEPTH, single-child wrapper chains collapse (the common case, which keeps every element
 * that holds content); what is still deeper than the page's `depthLimit` (set before the parse, see
 * boundStructure) is flattened whatever its tags: every element below the limit gives way to its content, in
 * order, so the text stays and every later step walks a tree of bounded depth. Returns how many elements went.
 */
export function flattenDeepNesting(doc: Document, depthLimit: number): number {
  const body = doc.body;
  if (!body || !depthOver(body, MAX_DEPTH)) return 0;
  return collapseWrappers(body) + boundDepth(doc, depthLimit);
}

/**
 * Flattens whatever lies deeper than `limit` under the body; returns how many elements went. Before extraction
 * the page is held to MAX_DEPTH this way: a comment thread may nest thousands deep and is read before, but
 * Readability's conditional cleaning costs grow steeply with depth when every level holds text (1,250 such
 * levels took minutes).
 */
export function boundDepth(doc: Document, limit: number): number {
  const body = doc.body;
  return body && depthOver(body, limit) ? flattenBelow(body, limit) : 0;
}

/** Collapses single-child div/span wrapper chains under `body`. */
function collapseWrappers(body: Element): number {
  let removed = 0;
  const stack: Element[] = [body];
  while (stack.length) {
    const el = stack.pop()!;
    // Walk down a chain: while el's sole content is one wrapper, lift the wrapper's children into el.
    for (let child = soleChild(el); child && (child.tagName === 'DIV' || child.tagName === 'SPAN'); child = soleChild(el)) {
      while (child.firstChild) el.insertBefore(child.firstChild, child);
      detach(child);
      removed++;
    }
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return removed;
}

/**
 * Every element deeper than `limit` under `root` is replaced by its children. Linear: an unwrapped element's
 * children move up once, to the element at the limit, and are not moved again.
 */
function flattenBelow(root: Element, limit: number): number {
  let removed = 0;
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth < limit) {
      for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push([c, depth + 1]);
      continue;
    }
    for (let c = el.firstChild; c; ) {
      if (c.nodeType !== 1) {
        c = c.nextSibling;
        continue;
      }
      const next = c.firstChild ?? c.nextSibling;
      while (c.firstChild) el.insertBefore(c.firstChild, c);
      detach(c as Element);
      removed++;
      c = next;
    }
  }
  return removed;
}
