/**
 * The page as the comment finders see it. Walking a linkedom tree is what finding comments costs (each
 * element's children are found through its text and attribute nodes), and most pages hold no thread: the
 * elements are read in one walk, and the few kinds every finder starts from are picked from that list.
 * Everything here describes the page as it was read; `invalidate()` after changing it.
 */
import { ARTICLE_MIN_TEXT, ARTICLE_SELECTORS, COMMENT_NAME_RE, ITEM_ID_RE } from './cues.js';
import { asciiNames, attrsOf, childElements, collapse, documentOrder, elementsIn, matches, queryAll, tagOf, textLength, textLengthUpTo } from './dom.js';
import { isSpace } from '../html/dom-utils.js';
import { isCommentNamed } from './names.js';

const ARTICLE = ARTICLE_SELECTORS.join(',');
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The page's elements, read once. */
interface Survey {
  /** The page root and every element under it, in document order. */
  elements: Element[];
  /** Their tag names (upper case), index for index: several finders pick elements by tag from the whole page. */
  tags: string[];
  children: Map<Element, readonly Element[]>;
  order?: Map<Element, number>;
  commentNamed?: Element[];
  itemNamed?: Element[];
  headings?: Element[];
  tagged?: Map<string, Element[]>;
  /** Text summaries of the elements counted so far (see Page.textLength and textSummary). */
  lengths?: Map<Element, number>;
}

function survey(root: Element): Survey {
  const elements: Element[] = [];
  const tags: string[] = [];
  const children = new Map<Element, readonly Element[]>();
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    elements.push(el);
    tags.push(tagOf(el));
    let c = el.firstElementChild;
    if (!c) {
      // Most elements have no child element: they share one empty list (never changed by its readers).
      children.set(el, NO_CHILDREN);
      continue;
    }
    const kids: Element[] = [];
    for (; c; c = c.nextElementSibling) kids.push(c);
    children.set(el, kids);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return { elements, tags, children };
}

const NO_CHILDREN: readonly Element[] = [];

/**
 * Whether an element may be a single comment by its names: a class with a comment word in it, or an id like a
 * comment's (`comment-123`). The whole class value is tested: a class name matches exactly when the value does
 * (see nameMatches).
 */
function itemNamed(el: Element): boolean {
  const a = attrsOf(el);
  if (a.id !== '' && ITEM_ID_RE.test(a.id)) return true;
  if (a.cls === '') return false;
  // ASCII names not named for comments (isCommentNamed, asked of every element first) have a class value that
  // fails the same test: namesMatch tests such a value as it stands.
  if (!isCommentNamed(el) && asciiNames(a)) return false;
  return COMMENT_NAME_RE.test(a.cls);
}

/** Page-level facts every guard needs, computed once. */
export class Page {
  readonly doc: Document;
  readonly body: Element;
  private read: Survey | undefined;
  private markers: Element[] | undefined;
  private bodies: Element[] | undefined;
  private bodyText: number | undefined;
  private order: Map<Element, number> | undefined;
  private readonly facts = new Map<(el: Element, page: Page) => unknown, Map<Element, unknown>>();

  constructor(doc: Document) {
    this.doc = doc;
    // linkedom can leave the content outside `document.body` (pages with several <html> tags, from IE
    // conditional comments): then the whole document is the page.
    this.body = pageRoot(doc);
  }

  private survey(): Survey {
    this.read ??= survey(this.body);
    return this.read;
  }

  /** The page root and every element under it, in document order. */
  elements(): Element[] {
    return this.survey().elements;
  }

  /** The tag names (upper case) of `elements()`, index for index. */
  tags(): string[] {
    return this.survey().tags;
  }

  /** An element's child elements; for an element of the page as read. */
  childrenOf(el: Element): readonly Element[] {
    return this.survey().children.get(el) ?? childElements(el);
  }

  /** Elements named for comments (sections, comments, their parts), the root included, in document order. */
  commentNamed(): Element[] {
    const s = this.survey();
    s.commentNamed ??= s.elements.filter(isCommentNamed);
    return s.commentNamed;
  }

  /** Elements under `scope` (or `scope` itself) that may be single comments by their names, in document order. */
  itemNamed(scope: Element): Element[] {
    const s = this.survey();
    if (scope !== this.body) return (s.children.has(scope) ? elementsUnder(s, scope) : elementsIn(scope)).filter(itemNamed);
    s.itemNamed ??= s.elements.filter(itemNamed);
    return s.itemNamed;
  }

  /** The headings under the root, in document order. */
  headings(): Element[] {
    const s = this.survey();
    s.headings ??= s.elements.filter((el, i) => el !== this.body && HEADING_TAGS.has(s.tags[i]!));
    return s.headings;
  }

  /**
   * The elements under `el` (not `el` itself) with one of `tags` (upper case), in document order. For rare tags
   * (headings, forms): each of the page's few is asked whether `el` holds it, instead of walking the whole of
   * `el` (a section with a thousand comments) for them, scope after scope.
   */
  under(el: Element, tags: readonly string[]): Element[] {
    const s = this.survey();
    if (!s.children.has(el)) return queryAll(el, tags.map((t) => t.toLowerCase()).join(','));
    const key = tags.join(',');
    s.tagged ??= new Map();
    let all = s.tagged.get(key);
    if (!all) s.tagged.set(key, (all = s.elements.filter((_, i) => tags.includes(s.tags[i]!))));
    return all.filter((e) => e !== el && el.contains(e));
  }

  /** Containers named for the article's body (not a bare `<article>`, which often holds the thread too). */
  bodyMarkers(): Element[] {
    this.bodies ??= this.articleMarkers().filter((el) => tagOf(el) !== 'ARTICLE' || el.getAttribute('itemprop') === 'articleBody');
    return this.bodies;
  }

  /** Elements that look like the article container, with enough text to be it. */
  articleMarkers(): Element[] {
    // A comment may carry the article's class names too (`li.comment.entry-content`): named for comments, it is one.
    this.markers ??= this.matchingArticle().filter((el) => isArticleMarker(el, this.textLength(el)));
    return this.markers;
  }

  /**
   * The elements under the root matching ARTICLE, in document order (what `queryAll(body, ARTICLE)` gives): from
   * the elements as read, where only those of ARTICLE's tags, attributes or names are matched. Changes to the page
   * since it was read either detach elements (left out here) or add wrappers without attributes (which never match).
   */
  private matchingArticle(): Element[] {
    const { elements, tags } = this.survey();
    const out: Element[] = [];
    for (let i = 1; i < elements.length; i++) {
      const el = elements[i]!;
      if (mayMatchArticle(el, tags[i]!) && matches(el, ARTICLE) && this.body.contains(el)) out.push(el);
    }
    return out;
  }

  /**
   * Whether `el` is or holds one of the article markers. A short block is asked about its own few elements,
   * not the whole page's markers.
   */
  holdsArticle(el: Element): boolean {
    if (this.markers || el === this.body || el.contains(this.body)) return this.articleMarkers().some((m) => el.contains(m));
    if (!this.body.contains(el)) return false;
    return (matches(el, ARTICLE) && isArticleMarker(el, textLength(el))) || queryAll(el, ARTICLE).some((m) => isArticleMarker(m, textLength(m)));
  }

  /**
   * `fn` of `el`, computed once per element until the page changes: for facts of an element's own subtree (its
   * text length, its cues) that the finders ask of the same elements, scope after nested scope. `fn` is given
   * the page too, so a fact can be built from other facts (a comment holds a meta line: one of its elements is one).
   */
  fact<T>(fn: (el: Element, page: Page) => T, el: Element): T {
    let known = this.facts.get(fn);
    if (!known) this.facts.set(fn, (known = new Map()));
    if (known.has(el)) return known.get(el) as T;
    const value = fn(el, this);
    known.set(el, value);
    return value;
  }

  bodyTextLength(): number {
    this.bodyText ??= this.textLength(this.body);
    return this.bodyText;
  }

  /**
   * `textLength(el)` (whitespace runs collapsed, ends trimmed), counted bottom-up and kept for every element
   * under `el`: the finders weigh sections level after level up the page (and their links, and the whole
   * body), and counting each from its text re-read the same text once per level. An element not read with the
   * page (a wrapper made later) is counted from its text.
   */
  textLength(el: Element): number {
    const packed = this.summary(el);
    return packed === undefined ? textLength(el) : packedLength(packed);
  }

  /**
   * For asking whether an element's text is at most `limit` long (as `textLengthUpTo`): the exact length when
   * it is kept already, else its text counted until past `limit` (most elements asked are long, and need not
   * be counted whole).
   */
  textLengthUpTo(el: Element, limit: number): number {
    const packed = this.read?.lengths?.get(el);
    return packed === undefined ? textLengthUpTo(el, limit) : packedLength(packed);
  }

  /**
   * The text length of the links under `el` (not `el` itself), nested ones too, as summing `textLength` over
   * `queryAll(el, 'a')` does: the elements come from the page as read, with no selector matching.
   */
  linkTextLength(el: Element): number {
    let n = 0;
    const stack: Element[] = [...this.childrenOf(el)];
    while (stack.length) {
      const e = stack.pop()!;
      if (tagOf(e) === 'A') n += this.textLength(e);
      stack.push(...this.childrenOf(e));
    }
    return n;
  }

  /** The text summary of an element of the page as read (see textSummary), its subtree's counted first. */
  private summary(el: Element): number | undefined {
    const s = this.survey();
    const known = (s.lengths ??= new Map());
    const packed = known.get(el);
    if (packed !== undefined || !s.children.has(el)) return packed;
    // Post-order without recursion (pages nest deep): an element is summed once its child elements are.
    const stack: Element[] = [el];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      let pending = false;
      for (const kid of s.children.get(top) ?? []) {
        if (!known.has(kid)) {
          stack.push(kid);
          pending = true;
        }
      }
      if (pending) continue;
      stack.pop();
      if (!known.has(top)) known.set(top, elementSummary(top, known));
    }
    return known.get(el);
  }

  /** Forget cached facts after the page changed. */
  invalidate(): void {
    this.read = undefined;
    this.markers = undefined;
    this.bodies = undefined;
    this.bodyText = undefined;
    this.order = undefined;
    this.facts.clear();
  }

  /** The first of `els` in document order (`sorted(els)[0]`, without sorting them all). */
  first(els: Iterable<Element>): Element | undefined {
    const unique = new Set(els);
    if (unique.size < 2) return unique.values().next().value;
    const order = this.orderOf(unique);
    let best: Element | undefined;
    let at = Infinity;
    for (const el of unique) {
      const i = order.get(el) ?? 0;
      if (i < at) [best, at] = [el, i];
    }
    return best;
  }

  /** Positions in document order for all of `els`: from the elements as read, or from the whole document. */
  private orderOf(els: Iterable<Element>): Map<Element, number> {
    const s = this.survey();
    s.order ??= new Map(s.elements.map((el, i) => [el, i]));
    const order = s.order;
    for (const el of els) if (!order.has(el)) return (this.order ??= documentOrder(this.doc));
    return order;
  }

  /**
   * Elements sorted in document order. (linkedom's compareDocumentPosition misorders an element inside an
   * earlier sibling's subtree, so the order is counted once here: from the elements as read, or, for an
   * element above the root, from the whole document.)
   */
  sorted(els: Iterable<Element>): Element[] {
    const unique = [...new Set(els)];
    if (unique.length < 2) return unique;
    const order = this.orderOf(unique);
    return unique.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
}

/*
 * A stretch of text as textLength sees it, packed in one number: its collapsed length without the ends, whether
 * it has a character other than whitespace, and whether whitespace leads or trails it (for text that is all
 * whitespace, both say whether there is any). Two stretches side by side join with one space when either has
 * whitespace at the seam, so an element's summary is its children's joined in order.
 */
const STARTED = 4;
const LEAD = 2;
const TRAIL = 1;
const FLAGS = 8;

function packedLength(packed: number): number {
  return Math.floor(packed / FLAGS);
}

/** The summary of one text node. */
function textSummary(s: string): number {
  let n = 0;
  let started = false;
  let lead = false;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (started) space = true;
      else lead = true;
    } else {
      if (space) n++;
      space = false;
      started = true;
      n++;
    }
  }
  if (!started) return lead ? LEAD | TRAIL : 0;
  return n * FLAGS + STARTED + (lead ? LEAD : 0) + (space ? TRAIL : 0);
}

/** Two summaries side by side, `a` first. */
function joined(a: number, b: number): number {
  if (!(a & STARTED)) {
    if (b & STARTED) return a & LEAD ? b | LEAD : b;
    return a | b;
  }
  if (!(b & STARTED)) return b & LEAD ? a | TRAIL : a;
  const seam = a & TRAIL || b & LEAD ? 1 : 0;
  return (packedLength(a) + packedLength(b) + seam) * FLAGS + STARTED + (a & LEAD) + (b & TRAIL);
}

/** The summary of an element from its child nodes, those of its child elements read from `known` (or counted). */
function elementSummary(el: Node, known: Map<Element, number>): number {
  let sum = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    const t = c.nodeType;
    if (t === 3 || t === 4) sum = joined(sum, textSummary(c.nodeValue ?? ''));
    else if (t === 1) {
      let kid = known.get(c as Element);
      if (kid === undefined) known.set(c as Element, (kid = elementSummary(c, known)));
      sum = joined(sum, kid);
    }
  }
  return sum;
}

/** `scope` and the elements under it, from the elements as read. */
function elementsUnder(s: Survey, scope: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [scope];
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    const kids = s.children.get(el) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/**
 * What an element needs to match one of ARTICLE_SELECTORS at all, read from the selectors: one of their tags, one
 * of their attributes, or an id or class holding one of their names (in any case). Undefined when a selector has
 * another form: then every element is matched.
 */
const ARTICLE_NEEDS = ((): { tags: Set<string>; attrs: string[]; names: RegExp } | undefined => {
  const tags = new Set<string>();
  const attrs: string[] = [];
  const names: string[] = [];
  for (const sel of ARTICLE_SELECTORS) {
    let m: RegExpExecArray | null;
    if ((m = /^([a-z][a-z0-9]*)$/.exec(sel))) tags.add(m[1]!.toUpperCase());
    else if ((m = /^[.#]([\w-]+)$/.exec(sel))) names.push(m[1]!);
    else if ((m = /^\[([a-z][\w-]*)(?:[~|^$*]?="[^"\]]*")?\]$/.exec(sel))) attrs.push(m[1]!);
    else return undefined;
  }
  return { tags, attrs, names: names.length ? new RegExp(names.join('|'), 'i') : /(?!)/ };
})();

/** Whether `el` (tag `tag`) may match ARTICLE: false only when it lacks all that ARTICLE_NEEDS lists. */
function mayMatchArticle(el: Element, tag: string): boolean {
  const needs = ARTICLE_NEEDS;
  if (!needs || needs.tags.has(tag)) return true;
  const { id, cls } = attrsOf(el);
  if ((cls !== '' && needs.names.test(cls)) || (id !== '' && needs.names.test(id))) return true;
  return needs.attrs.length > 0 && el.hasAttributes() && needs.attrs.some((a) => el.hasAttribute(a));
}

/** Whether `el`, with text of `length`, may be the article container. */
function isArticleMarker(el: Element, length: number): boolean {
  return !isCommentNamed(el) && length >= ARTICLE_MIN_TEXT;
}

/**
 * The body, unless most of the page's text sits outside it. Only text in the root's other children can be
 * outside, so the whole page's text is counted only when there is some.
 */
function pageRoot(doc: Document): Element {
  const body = doc.body;
  const root = doc.documentElement;
  if (!body) return root;
  let outside = 0;
  for (let c = root.firstElementChild; c; c = c.nextElementSibling) if (c !== body && tagOf(c) !== 'HEAD') outside += textLength(c);
  for (let n = root.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) outside += collapse(n.nodeValue ?? '').length;
  return outside === 0 || textLength(body) >= 0.5 * textLength(root) ? body : root;
}
