/**
 * Selector matching with compiled selectors cached, for linkedom documents. linkedom compiles a selector
 * on every querySelectorAll call and walks the tree recursively; declutter runs the same few hundred rule
 * selectors on every page, so compiling once and walking iteratively removes most of that cost (and a deep
 * page can no longer overflow the stack). jsdom documents keep their native, spec-exact engine.
 */
import * as CSSselect from 'css-select';
import { memoize } from '../memo.js';
import { linkedom } from './linkedom-module.js';

const ELEMENT_NODE = 1;
const ATTRIBUTE_NODE = 2;
const TEXT_NODE = 3;

type Test = (el: Element) => boolean;

const isTag = (n: Node): n is Element => n.nodeType === ELEMENT_NODE;
const kids = (n: Node): Node[] => [...(n.childNodes as unknown as Node[])];

function textOfNodes(node: Node | Node[]): string {
  const stack: Node[] = Array.isArray(node) ? [...node].reverse() : [node];
  let out = '';
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE) out += (n as Text).data;
    else if (isTag(n)) for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out;
}

/**
 * The symbols of linkedom's links in document order, exported by declutter's fork (scripts/linkedom-patches.ts):
 * a node's next node in its document's list (an element is followed by its attributes, its children and its end
 * marker) and an element's (or document's, fragment's) end marker. Undefined with the stock package (a source
 * checkout before the build), whose walks ask for children.
 */
const NEXT = (linkedom as unknown as { nextNodeSymbol?: symbol }).nextNodeSymbol;
const END = (linkedom as unknown as { endNodeSymbol?: symbol }).endNodeSymbol;

type Linked = Node & { [key: symbol]: Linked | undefined };
const linked = (n: Node | ParentNode): Linked => n as unknown as Linked;

/**
 * The end marker of a linkedom element's (document's, fragment's) subtree: its descendants are the nodes between
 * it and that marker (nextInList). Undefined for other nodes and DOMs (jsdom) and with stock linkedom.
 */
export const endOf = (n: Node): Node | undefined => (END ? linked(n)[END] : undefined);

/** The node after `n` in its linkedom document's list (only for nodes with an endOf, and those between). */
export const nextInList = (n: Node): Node => linked(n)[NEXT!]!;

/** The node type of linkedom's end markers in that list (see endOf). */
export const NODE_END = -1;

/**
 * Calls `visit` on the elements from `from` (inclusive) to `end` (exclusive) of a linkedom list, in document
 * order; true when a visit returned true (and the walk stopped there).
 */
function walkList(from: Node, end: Node, visit: (el: Element) => boolean | void): boolean {
  for (let n = from; n !== end; n = nextInList(n)) if (n.nodeType === ELEMENT_NODE && visit(n as Element) === true) return true;
  return false;
}

/**
 * Depth-first, document order, without recursion: each node of `nodes` that is an element, then its descendants.
 * A linkedom subtree is read along its document-order list, without the children getters (each a search of
 * that list); other nodes are walked by their children.
 */
function walk(nodes: Node[], visit: (el: Element) => boolean | void): void {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    const end = endOf(node);
    if (end ? walkList(node, end, visit) : walkChildren(node, visit)) return;
  }
}

/** walk for one element by its children; true when a visit returned true. */
function walkChildren(el: Element, visit: (el: Element) => boolean | void): boolean {
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (visit(n) === true) return true;
    for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return false;
}

/** walk of every element under `root` (not root itself). */
function walkUnder(root: ParentNode, visit: (el: Element) => boolean | void): void {
  const end = endOf(root as Node);
  if (end) walkList(nextInList(root as Node), end, visit);
  // childNodes, not firstChild/nextSibling: in a linkedom Document the doctype's nextSibling is null.
  else walk(kids(root as Node), visit);
}

/**
 * The class attribute's value. declutter's linkedom fork reads className from the attribute
 * (scripts/linkedom-patches.ts), so this is cheap without a per-element cache.
 */
export function classOf(el: Element): string | null {
  return el.getAttribute('class');
}

/**
 * A tag name in lower (upper) case. toLowerCase and toUpperCase make a new string even when nothing changes, and
 * selector tests and the comment finders ask for every element's name: a name already in that case is returned
 * as it is, the few others a page uses (created as "DIV" by Readability, SVG names under jsdom) are converted once
 * (bounded, for pages that invent tag names).
 */
export function lowerName(name: string): string {
  return hasLetterIn(name, 65, 90) ? lowered(name) : name;
}

export function upperName(name: string): string {
  return hasLetterIn(name, 97, 122) ? uppered(name) : name;
}

/** Whether `name` has a character in the ASCII range [from, to], or any non-ASCII one (its case is not checked). */
function hasLetterIn(name: string, from: number, to: number): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= from && c <= to) || c > 127) return true;
  }
  return false;
}

const lowered = memoize(1000, (name: string): string => name.toLowerCase());
const uppered = memoize(1000, (name: string): string => name.toUpperCase());

const adapter = {
  isTag,
  existsOne: (test: Test, elems: Node[]) => {
    let found = false;
    walk(elems, (el) => (found = test(el)) || undefined);
    return found;
  },
  getAttributeValue: (el: Element, name: string) => (name === 'class' ? classOf(el) : el.getAttribute(name)) ?? undefined,
  getChildren: kids,
  getName: (el: Element) => lowerName(el.localName),
  getParent: (n: Node) => n.parentNode as Element | null,
  getSiblings: (n: Node) => (n.parentNode ? kids(n.parentNode) : [n]),
  getText: (n: Node | Node[]) => textOfNodes(n),
  hasAttrib: (el: Element, name: string) => el.hasAttribute(name),
  removeSubsets: (nodes: Node[]) => nodes.filter((n, i) => nodes.indexOf(n) === i && !nodes.some((o) => o !== n && o.contains(n))),
  findAll: (test: Test, nodes: Node[]) => {
    const out: Element[] = [];
    walk(nodes, (el) => {
      if (test(el)) out.push(el);
    });
    return out;
  },
  findOne: (test: Test, nodes: Node[]) => {
    let hit: Element | null = null;
    walk(nodes, (el) => {
      if (test(el)) {
        hit = el;
        return true;
      }
    });
    return hit;
  },
};

const CACHE_LIMIT = 5000;

/**
 * The compiled test for a selector, or null when it does not parse. Compiled without css-select's result caches:
 * a `:has()` or `:contains()` test keeps each element's answer for the life of the compiled function, which here
 * outlives the query, so after a removal `p:has(a)` still matched a paragraph whose link was gone.
 */
export const compiled = memoize(CACHE_LIMIT, (selector: string): Test | null => {
  try {
    return CSSselect.compile(selector, { adapter, xmlMode: false, cacheResults: false } as never) as unknown as Test;
  } catch {
    return null;
  }
});

/** Documents made by linkedom (registered by the parser), whose queries go through the cache. */
export const linkedomDocuments = new WeakSet<object>();

export function usesCache(root: ParentNode): boolean {
  const doc = (root as Node).ownerDocument ?? root;
  return linkedomDocuments.has(doc);
}

/** All elements under `root` (not root itself) matching the compiled test, in document order. */
export function selectAll(root: ParentNode, test: Test): Element[] {
  const out: Element[] = [];
  walkUnder(root, (el) => {
    if (test(el)) out.push(el);
  });
  return out;
}

/** The first element under `root` matching the compiled test, in document order. */
export function selectOne(root: ParentNode, test: Test): Element | null {
  let hit: Element | null = null;
  walkUnder(root, (el) => {
    if (test(el)) {
      hit = el;
      return true;
    }
  });
  return hit;
}

type Key = { kind: 'id' | 'class' | 'tag' | 'attr'; value: string } | { kind: 'any' };

/**
 * The bucket of a selector, from its rightmost compound (the part an element must itself match): an id,
 * else a class, else a tag name; anything harder (lists, escapes, attribute-only) is tested on every element.
 * Rule selectors are the same few hundred on every page: their buckets are worked out once.
 */
export const selectorKey = memoize(CACHE_LIMIT, (selector: string): Key => readSelectorKey(selector));

function readSelectorKey(selector: string): Key {
  if (selector.includes('\\')) return { kind: 'any' };
  const { start, list } = lastCompoundStart(selector);
  if (list) return { kind: 'any' };
  const last = selector.slice(start).replace(/\[[^\]]*\]|\([^)]*\)/g, '').trim();
  const id = /#([\w-]+)/.exec(last);
  if (id) return { kind: 'id', value: id[1]! };
  const cls = /\.([\w-]+)/.exec(last);
  if (cls) return { kind: 'class', value: cls[1]! };
  const tag = /^([a-zA-Z][\w-]*)/.exec(last);
  if (tag) return { kind: 'tag', value: tag[1]!.toLowerCase() };
  // Attribute-only compounds ([id^="ad-"], [data-module="x"]): only elements carrying that attribute can match.
  const attr = /^\[\s*([\w-]+)/.exec(selector.slice(start).trim());
  if (attr && !/[:]/.test(last)) return { kind: 'attr', value: attr[1]!.toLowerCase() };
  return { kind: 'any' };
}

type Bucketed = Array<[string, Test]>;

/**
 * The literal an attribute-only selector's value test needs (`[id^="lp_"]` -> `lp_`), lower-cased; undefined
 * when there is none to rely on (presence tests, escapes, non-ASCII, names not written in lower case).
 * Every operator (=, ~=, |=, ^=, $=, *=, with or without `i`) matches only values containing the literal,
 * and a value containing an ASCII literal still contains it lower-cased, so lower-cased containment is a
 * necessary condition for either case mode.
 */
export function attrNeedle(selector: string): string | undefined {
  const m = /^\[\s*([a-z][a-z0-9_-]*)\s*[~|^$*]?=\s*(?:"([\x20-\x7e]*)"|'([\x20-\x7e]*)'|([\w-]+))\s*(?:[iIsS]\s*)?\]/.exec(lastCompound(selector));
  const value = m && (m[2] ?? m[3] ?? m[4]);
  return value && !/["'\\]/.test(value) ? value.toLowerCase() : undefined;
}

/** The rightmost compound of a selector (after the last top-level combinator). */
function lastCompound(selector: string): string {
  return selector.slice(lastCompoundStart(selector).start).trim();
}

/** Where the rightmost compound starts, and whether the selector is a list (a comma outside brackets). */
function lastCompoundStart(selector: string): { start: number; list: boolean } {
  let depth = 0;
  let start = 0;
  let list = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0) {
      if (c === ',') list = true;
      else if (c === ' ' || c === '>' || c === '+' || c === '~') start = i + 1;
    }
  }
  return { start, list };
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The selectors keyed by one attribute name. Those with a literal are tested only when the element's value
 * holds one of the literals (one regular expression instead of one selector test each): a page has an id or
 * a class on most elements, and rule lists test a dozen `[id^=...]` / `[class*=...]` prefixes on each.
 */
class AttrBucket {
  readonly always: Bucketed = [];
  readonly guarded: Bucketed = [];
  private needles: string[] = [];
  private guard: RegExp | undefined;

  constructor(readonly name: string) {}

  add(selector: string, test: Test): void {
    const needle = attrNeedle(selector);
    if (needle === undefined) this.always.push([selector, test]);
    else {
      this.guarded.push([selector, test]);
      this.needles.push(needle);
      this.guard = undefined;
    }
  }

  /** Whether the guarded selectors can match `el` at all; `known` is the attribute's value when the caller has it. */
  mayMatch(el: Element, known?: string): boolean {
    if (!this.guarded.length) return false;
    const value = known ?? adapter.getAttributeValue(el, this.name);
    if (value === undefined) return false;
    this.guard ??= new RegExp(this.needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
    // For an ASCII value, an `i` search is the lower-cased containment; non-ASCII letters may lower-case to
    // ASCII ones (the Kelvin sign to k), so such values are tested by the selectors themselves.
    return this.guard.test(value) || NON_ASCII.test(value);
  }
}

/**
 * Selectors bucketed by id, class or tag of their rightmost compound (see selectorKey), so an element is
 * tested only against the selectors that could match it, as browsers index style rules.
 */
class Buckets {
  readonly any: Bucketed = [];
  readonly byId = new Map<string, Bucketed>();
  readonly byClass = new Map<string, Bucketed>();
  readonly byTag = new Map<string, Bucketed>();
  readonly byAttr = new Map<string, AttrBucket>();

  constructor(selectors: Array<[string, Test]>) {
    for (const [s, test] of selectors) {
      const key = selectorKey(s);
      if (key.kind === 'any') this.any.push([s, test]);
      else if (key.kind === 'attr') {
        let bucket = this.byAttr.get(key.value);
        if (!bucket) this.byAttr.set(key.value, (bucket = new AttrBucket(key.value)));
        bucket.add(s, test);
      } else {
        const map = key.kind === 'id' ? this.byId : key.kind === 'class' ? this.byClass : this.byTag;
        const list = map.get(key.value);
        if (list) list.push([s, test]);
        else map.set(key.value, [[s, test]]);
      }
    }
  }

  /** Calls `hit` for each selector matching `el` (a selector may be reported twice); stops when it returns true. */
  each(el: Element, hit: (s: string) => boolean | void): boolean {
    if (run(this.any, el, hit)) return true;
    if (this.byTag.size && run(this.byTag.get(lowerName(el.localName)), el, hit)) return true;
    const first = NEXT && linked(el)[NEXT];
    if (first) return first.nodeType === ATTRIBUTE_NODE && this.byAttributes(el, first, hit);
    if (this.byId.size) {
      const id = el.getAttribute('id');
      if (id && run(this.byId.get(id), el, hit)) return true;
    }
    if (this.byClass.size) {
      const cls = classOf(el);
      if (cls) for (const c of classTokens(cls)) if (c && run(this.byClass.get(c), el, hit)) return true;
    }
    // The element's attribute names once, not one attribute-list scan per bucketed name.
    if (this.byAttr.size && el.hasAttributes()) for (const name of el.getAttributeNames()) if (this.byAttrName(el, name, hit)) return true;
    return false;
  }

  /**
   * The id, class and attribute buckets of a linkedom element, from its attributes as they follow it in its
   * document's list (`first` is the first): getAttribute searches that list for each name (for `class`, through
   * the className getter). The documents here are HTML, whose getAttribute is the attribute's value as it is.
   */
  private byAttributes(el: Element, first: Linked, hit: (s: string) => boolean | void): boolean {
    let id: string | undefined;
    let cls: ClassParts | undefined;
    for (let a: Linked | undefined = first; a && a.nodeType === ATTRIBUTE_NODE; a = a[NEXT!]) {
      const { name } = a as unknown as Attr;
      if (name === 'id') id ??= (a as unknown as Attr).value;
      else if (name === 'class') cls ??= classParts((a as unknown as Attr).value);
    }
    if (id && this.byId.size && run(this.byId.get(id), el, hit)) return true;
    if (cls && this.byClass.size) for (const c of cls.tokens) if (run(this.byClass.get(c), el, hit)) return true;
    if (this.byAttr.size) {
      for (let a: Linked | undefined = first; a && a.nodeType === ATTRIBUTE_NODE; a = a[NEXT!]) {
        const { name } = a as unknown as Attr;
        if (this.byAttrName(el, name, hit, name === 'class' ? cls!.value : undefined)) return true;
      }
    }
    return false;
  }

  /** The selectors bucketed under one of the element's attribute names (`value`, the attribute's, when known). */
  private byAttrName(el: Element, name: string, hit: (s: string) => boolean | void, value?: string): boolean {
    const bucket = this.byAttr.get(name);
    if (!bucket) return false;
    return run(bucket.always, el, hit) || (bucket.mayMatch(el, value) && run(bucket.guarded, el, hit));
  }
}

interface ClassParts {
  /** The class value as className gives it: unique tokens split at \s+, one space between. */
  value: string;
  /** Its tokens, as classTokens gives them for that value (without the empty ones). */
  tokens: readonly string[];
}

/** A class attribute's value as it is, read as className and classTokens would read it. */
const classParts = memoize(CACHE_LIMIT, (cls: string): ClassParts => {
  const tokens = [...new Set(cls.split(/\s+/).filter(Boolean))];
  return { value: tokens.join(' '), tokens };
});

/** A class value's tokens: the same few class strings recur on many elements and pages (one split each). */
const classTokens = memoize(CACHE_LIMIT, (cls: string): readonly string[] => cls.split(/\s+/));

function run(tests: Bucketed | undefined, el: Element, hit: (s: string) => boolean | void): boolean {
  if (tests) for (const [s, test] of tests) if (test(el) && hit(s) === true) return true;
  return false;
}

/** Many selectors in one walk: each element is tested only against the selectors its bucket holds. */
export function selectEach(root: ParentNode, selectors: string[]): Map<string, Element[]> {
  const buckets = new Buckets(selectors.flatMap((s) => {
    const test = compiled(s);
    return test ? [[s, test] as [string, Test]] : [];
  }));
  const out = new Map<string, Element[]>();
  walkUnder(root, (el) => {
    buckets.each(el, (s) => {
      const list = out.get(s);
      if (list) {
        if (list[list.length - 1] !== el) list.push(el);
      } else out.set(s, [el]);
    });
  });
  return out;
}

/** A selector list's parts, split at top-level commas; undefined for one selector or one too odd to split safely. */
function listParts(selector: string): string[] | undefined {
  if (!selector.includes(',') || selector.includes('\\')) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(selector.slice(start).trim());
  return parts.length > 1 && !quote && depth === 0 && parts.every(Boolean) ? parts : undefined;
}


/**
 * The test for a selector that may be a list (`article, .entry-content, #story-body, [itemprop=...]`). The
 * selector engine tries every alternative on every element; bucketed, an element meets only the alternatives
 * its tag, id, classes or attributes could match. Same matches, in the same order.
 */
export const compiledList = memoize(CACHE_LIMIT, (selector: string): Test | null => {
  const parts = listParts(selector);
  const tests = parts?.map((p) => compiled(p));
  if (!parts || !tests || tests.some((x) => !x)) return compiled(selector);
  const buckets = new Buckets(parts.map((p, i) => [p, tests[i]!]));
  return (el: Element) => buckets.each(el, () => true);
});
