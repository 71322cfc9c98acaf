/**
 * Reading one comment: author, date, text and HTML, and its place in the thread (parent and depth).
 * Every lookup is limited to the comment's own elements, never those of the replies nested inside it.
 */
import { sanitizeBody } from '../html/sanitize.js';
import type { CommentRule } from '../rules/types.js';
import type { Comment } from '../types.js';
import { AUTHOR_SELECTORS, CHROME_SELECTORS, DATE_SELECTORS, DEPTH_CLASS_RE, META_SELECTORS, TEXT_SELECTORS } from './cues.js';
import { findDate, hasDate, isoFromMachine, isoFromText } from '../dates.js';
import { attrsOf, childCount, childElements, collapse, commonAncestor, matches, namesOf, query, queryAll, queryEach, readableText, textLengthUpTo } from './dom.js';
import type { Item } from './threads.js';
import { commentPatterns } from './words.js';
import { memoize } from '../memo.js';

/** Parts that are kept out of a comment's text: its meta lines, buttons, forms (see Ownership.matchesAny). */
const CHROME = new Set(CHROME_SELECTORS);
/** Parts that are kept out of a comment's text but printed with it: its byline and date lines. */
const META_PARTS = new Set(META_SELECTORS);
/** The share of a comment's visible text its text element must hold. */
const MIN_TEXT_SHARE = 0.6;
const MAX_AUTHOR_CHARS = 80;
const MAX_META_CHARS = 200;

/** Every selector reading a thread's comments asks about, with the rule's own first. */
function fieldSelectors(rule: CommentRule | undefined): Set<string> {
  const own = [rule?.author, rule?.date, rule?.text].filter((s): s is string => !!s);
  return new Set([...own, ...AUTHOR_SELECTORS, ...DATE_SELECTORS, ...TEXT_SELECTORS, ...CHROME, ...META_PARTS]);
}

const NO_SELECTORS: readonly string[] = [];

/** Who owns each element of the thread, and each comment's own elements (not those of its replies). */
class Ownership {
  private readonly byEl = new Map<Element, Item>();
  private readonly ownEls = new Map<Item, Element[]>();
  /** Elements with a reply somewhere inside: never a comment's author, date or control. */
  private readonly withReplies = new Set<Element>();
  /** The selectors of `selectors` each element of the thread matches (filled on first use, see matchAll). */
  private hits: Map<Element, string[]> | undefined;
  /** Each comment's own elements matching each selector, in document order. */
  private readonly ownHits = new Map<Item, Map<string, Element[]>>();
  /** Whether the page hides the element by its own markup (see hiddenByMarkup); read once per element of the thread. */
  readonly hidden = memoize(Infinity, hiddenByMarkup);
  /** The text of a control met inside a comment (see controlText); read once per element of the thread. */
  readonly control = memoize(Infinity, (el: Element) => controlText(this, el));
  /** `selectors`: every selector that matchesAny and owned will be asked about (see fieldSelectors). */
  constructor(items: Item[], private readonly selectors: ReadonlySet<string>) {
    for (const it of items) for (const p of it.parts) this.byEl.set(p, it);
    for (const it of items) {
      for (let e = it.el.parentElement; e && !this.withReplies.has(e); e = e.parentElement) {
        this.withReplies.add(e);
        if (this.byEl.has(e)) break;
      }
    }
  }
  holdsReplies(el: Element): boolean {
    return this.withReplies.has(el);
  }
  /**
   * Runs all the selectors at once, in one walk of the element that holds the whole thread: one query per
   * selector walked the thread again for each (a comment without a date tries all 22 date selectors), and
   * matching element by element, or one query per comment, costs a query per comment (slow in jsdom).
   * Elements outside the thread that the walk also finds are never asked about.
   */
  private matchAll(): Map<Element, string[]> {
    const hits = new Map<Element, string[]>();
    const scope = commonAncestor([...this.byEl.keys()]);
    if (!scope) return hits;
    const add = (el: Element, s: string) => {
      const list = hits.get(el);
      if (list) list.push(s);
      else hits.set(el, [s]);
    };
    for (const [s, els] of queryEach(scope, [...this.selectors])) for (const el of els) add(el, s);
    // The walk is of the scope's descendants: the scope itself (a comment holding all the others) is tested alone.
    for (const s of this.selectors) if (matches(scope, s)) add(scope, s);
    return hits;
  }
  private selectorsOf(el: Element): readonly string[] {
    this.hits ??= this.matchAll();
    return this.hits.get(el) ?? NO_SELECTORS;
  }
  /** Whether `el` matches one of `selectors` (each one of those the Ownership was made with). */
  matchesAny(el: Element, selectors: ReadonlySet<string>): boolean {
    return this.selectorsOf(el).some((s) => selectors.has(s));
  }
  /** Elements of `item` matching `selector` (one the Ownership was made with), not inside a nested reply. */
  owned(item: Item, selector: string | undefined): readonly Element[] {
    if (!selector) return [];
    let bySelector = this.ownHits.get(item);
    if (!bySelector) {
      bySelector = new Map();
      for (const el of this.elementsOf(item)) {
        for (const s of this.selectorsOf(el)) {
          const list = bySelector.get(s);
          if (list) list.push(el);
          else bySelector.set(s, [el]);
        }
      }
      this.ownHits.set(item, bySelector);
    }
    return bySelector.get(selector) ?? [];
  }
  /** The nearest item at or above `el`. */
  ownerOf(el: Element): Item | undefined {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const it = this.byEl.get(e);
      if (it) return it;
    }
    return undefined;
  }
  isItemPart(el: Element): boolean {
    return this.byEl.has(el);
  }
  /** Whether `el` is a part of another comment than `item` (a nested reply). */
  isOtherItem(el: Element, item: Item): boolean {
    const it = this.byEl.get(el);
    return !!it && it !== item;
  }
  /** The item's elements in document order, without descending into nested replies. */
  elementsOf(item: Item): Element[] {
    let els = this.ownEls.get(item);
    if (els) return els;
    els = [];
    for (const p of item.parts) {
      const stack: Element[] = [p];
      while (stack.length) {
        const el = stack.pop()!;
        if (el !== p && this.isOtherItem(el, item)) continue;
        els.push(el);
        const kids = childElements(el);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      }
    }
    this.ownEls.set(item, els);
    return els;
  }
}

/** A plausible person's name from a meta text: "James says:" -> "James". */
export function cleanAuthor(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  // Lower case only: "Omar Said" is a name, "said" the verb of a meta line.
  const { saysTail, postedHead } = commentPatterns();
  let s = withoutDate(collapse(raw).replace(saysTail, '').replace(postedHead, ''))
    .replace(/\s+(?:[ECMP][SD]T|GMT|UTC|CES?T|BST|IST)$/, '')
    .replace(/\s+(?:[ap]\.?m\.?)$/i, '');
  s = s
    .replace(/\s+(?:on|am|le|el|il)\s+\S*\d.*$/i, '')
    .replace(/\s+(?:on|at|am|um)$/i, '')
    .replace(/[\s:|,\-–—]+$/, '')
    .replace(/^[\s:|,+\-–—•·]+/, '')
    // A comment number before the name: "(1) Mike", "#12 Ann".
    .replace(/^(?:\(\d{1,4}\)|#\d{1,4}|\d{1,4}[.)])\s+/, '');
  if (!s || s.length > MAX_AUTHOR_CHARS || s.split(' ').length > 8) return undefined;
  if (/^(?:reply|anonymous coward)$/i.test(s)) return s.toLowerCase() === 'reply' ? undefined : s;
  return s;
}

/** A text with its first date taken out ("Ann on August 9th, 2012 at 10:16 am" -> "Ann on"). */
function withoutDate(text: string): string {
  const d = findDate(text);
  if (!d) return text;
  const before = d.text.slice(0, d.at).replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$/i, '');
  return collapse(`${before} ${d.text.slice(d.at + d.length)}`);
}

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;

/** The author in a meta line that is a name and a date ("eCommerce Web Design  September 24, 2012 at 07:40 PM"). */
function authorFromDateLine(line: string): string | undefined {
  const rest = withoutDate(line)
    .replace(commentPatterns().stampedHead, '')
    .replace(/(?:\s*(?:\||on|at|am|um|le|el|—|–|-|,|·|•))+\s*$/i, '')
    .replace(/^\s*(?:\||—|–|-|,|·|•)\s*/, '')
    .trim();
  if (!rest || /\d/.test(rest) || rest.split(/\s+/).length > 6 || commentPatterns().control.test(rest)) return undefined;
  return cleanAuthor(rest);
}

/**
 * The author named in a comment's meta line, which comes first ("James says:", "by james on January 31")
 * or last ("Posted by: Ann at April 6, 2007").
 */
function authorFromText(text: string): string | undefined {
  const lines = text.split('\n\n').filter((l) => l.length <= MAX_META_CHARS);
  const ordered = lines.length > 1 ? [lines[0]!, lines[lines.length - 1]!, ...lines.slice(1, -1)] : lines;
  for (const line of ordered) {
    // The verb ends the line, or only a date follows it: "Ann says:", "Ann said...", "Omar Said wrote on 12 March".
    for (const v of line.matchAll(commentPatterns().saysAfterName)) {
      const rest = line.slice(v.index + v[0].length);
      if (rest && !(/^(?:on|at|am|um|le|el|il|\d)/i.test(rest) && hasDate(rest))) continue;
      const who = withoutDate(line.slice(0, v.index)).split(/,\s|\/\s/).pop()!;
      const name = who.length <= 60 ? cleanAuthor(who) : undefined;
      if (name) return name;
    }
    let m: RegExpExecArray | null;
    m = commentPatterns().postedName.exec(line);
    if (m) return cleanAuthor(m[1]);
  }
  return undefined;
}

function dateOf(el: Element): string | undefined {
  for (const attr of ['datetime', 'content', 'title', 'data-timestamp', 'data-time', 'data-date']) {
    const iso = isoFromMachine(el.getAttribute(attr)) ?? (attr === 'title' ? isoFromText(el.getAttribute(attr) ?? '') : undefined);
    if (iso) return iso;
  }
  const inner = query(el, 'time[datetime], abbr[title]');
  if (inner) {
    const iso = isoFromMachine(inner.getAttribute('datetime') ?? inner.getAttribute('title'));
    if (iso) return iso;
  }
  const text = el.textContent ?? '';
  return text.length <= MAX_META_CHARS * 2 ? isoFromText(text) : undefined;
}

/** The comment's own id: its element id, or a data attribute some systems use. */
function idOf(item: Item): string | undefined {
  for (const el of item.parts) {
    for (const attr of ['id', 'data-comment-id', 'data-id', 'data-commentid']) {
      const v = el.getAttribute(attr);
      if (v) return v;
    }
  }
  return undefined;
}

function depthClass(el: Element): number | undefined {
  for (const c of (el.getAttribute('class') ?? '').split(/\s+/)) {
    const m = DEPTH_CLASS_RE.exec(c);
    if (m) return Number(m[1]);
  }
  return undefined;
}

const globals = new WeakMap<RegExp, RegExp>();

/** `re` with the global flag, compiled once: the prompt alternation is long, and compiling it was most of isUiOnly. */
function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) {
    g = new RegExp(re.source, 'giu');
    globals.set(re, g);
  }
  return g;
}

/** Text that is only comment controls and prompts ("0 responses", "View all comments", quote marks). */
export function isUiOnly(text: string): boolean {
  const { control, counter, prompt, bareWord } = commentPatterns();
  const rest = text
    .split(/\n+/)
    .filter((line) => !control.test(line.trim()) && !counter.test(line.trim()))
    .join(' ')
    .replace(globalOf(prompt), ' ');
  return !lettersAtLeast(rest, 3) || bareWord.test(rest.trim());
}

const LETTER_RE = /[\p{L}\p{N}]/gu;

/** Whether `text` has `n` letters or digits, counted no further. */
function lettersAtLeast(text: string, n: number): boolean {
  LETTER_RE.lastIndex = 0;
  let found = 0;
  while (found < n && LETTER_RE.test(text)) found++;
  return found >= n;
}

const META_LINE_MAX = 120;

/**
 * Drops the meta lines a comment's text starts or ends with when they were not marked up ("Peter wrote on
 * 12 March 2012:", a lone date under the comment), keeping the text when nothing else is left.
 */
export function trimMetaLines(text: string, author: string | undefined): string {
  const lines = text.split('\n\n');
  const { metaLine, saysAlone, postedAlone } = commentPatterns();
  const isMeta = (line: string) =>
    line.length <= META_LINE_MAX &&
    ((hasDate(line) && (metaLine.test(line) || (!!author && line.includes(author)) || line.replace(/[^\p{L}]/gu, '').length < 25)) ||
      (!!author && (line === author || (metaLine.test(line.replace(author, '').trim()) && line.length < author.length + 20))) ||
      // A comment number, a lone "Says:", a "Posted by" / "Anonymous |" fragment of a meta line.
      /^#?\d{1,4}\.?$/.test(line) ||
      (line.length <= 40 && (saysAlone.test(line) || postedAlone.test(line) || /^[^|]{1,30}\|$/.test(line))));
  while (lines.length > 1 && isMeta(lines[0]!)) lines.shift();
  while (lines.length > 1 && isMeta(lines[lines.length - 1]!)) lines.pop();
  return lines.join('\n\n');
}

export interface ReadOptions {
  rule?: CommentRule;
  /** Called with the text of each control (reply button, vote) met inside comments, for the audit trail. */
  onControl?: (text: string) => void;
}

/**
 * Reads the items of a thread into comments, in page order, with `parentId` and `depth` from nesting (or, in
 * flat threads, from depth classes such as `depth-2`).
 */
export function readComments(items: Item[], opts: ReadOptions = {}): Comment[] {
  const rule = opts.rule;
  const own = new Ownership(items, fieldSelectors(rule));
  const out: Comment[] = [];
  const read = new Map<Item, Comment>();
  const flatDepths = items.map((it) => depthClass(it.el));
  const known = flatDepths.filter((d): d is number => d !== undefined);
  const minDepth = known.length ? Math.min(...known) : 0;

  items.forEach((item, i) => {
    // Nested replies are comments of their own; what the page hides (share texts, edit history) is not shown.
    const skipReplies = (e: Element) => own.isOtherItem(e, item) || (own.hidden(e) && !item.parts.includes(e));
    const author = readAuthor(own, item, rule, skipReplies);
    const date = readDate(own, item, rule, author.el);
    if (!author.name && date.line) author.name = authorFromDateLine(date.line);
    const body = readBody(own, item, rule, [author.el, date.el], skipReplies, opts.onControl);
    body.text = trimMetaLines(body.text, author.name);
    if (!body.text || isUiOnly(body.text)) return;
    const edges = metaAround(body.shown, body.text);

    let parent = parentOf(own, item, read, rule?.replies);
    const flat = flatDepths[i];
    if (!parent && flat !== undefined && flat > minDepth) {
      // A flat thread: the parent is the nearest earlier comment one level up.
      for (let j = out.length - 1; j >= 0; j--) {
        if (out[j]!.depth === flat - minDepth - 1) {
          parent = out[j];
          break;
        }
      }
    }
    const id = idOf(item);
    const c: Comment = {
      ...(id ? { id } : {}),
      ...(parent?.id ? { parentId: parent.id } : {}),
      ...(author.name ? { author: author.name } : {}),
      ...(date.iso ? { published: date.iso } : {}),
      ...(edges.header ? { header: edges.header } : {}),
      text: body.text,
      ...(edges.footer ? { footer: edges.footer } : {}),
      ...(body.html ? { html: body.html } : {}),
      depth: parent ? parent.depth + 1 : 0,
    };
    read.set(item, c);
    out.push(c);
  });
  return out;
}

/** A class that only hides, as one of the names in a class attribute. */
const HIDDEN_CLASS_RE = /(?:^|\s)(?:hidden|hide|is-hidden|d-none|display-none)(?:\s|$)/i;

/** Hidden by its own markup: the `hidden` attribute, an inline `display: none`, or a class that only hides. */
function hiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden') || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')) return true;
  return HIDDEN_CLASS_RE.test(attrsOf(el).cls);
}

const REPLIES_NAME_RE = /indent|children|repl(?:y|ies)|nested|child|thread/i;

/**
 * The comment a reply answers: the nearest enclosing comment that was read, or, where replies follow their
 * parent in a sibling container (Drupal's `div.indented`), the comment right before that container.
 */
function parentOf(own: Ownership, item: Item, read: Map<Item, Comment>, repliesSelector: string | undefined): Comment | undefined {
  for (let e: Element | null = item.el.parentElement; e; e = e.parentElement) {
    const owner = own.ownerOf(e);
    if (owner && own.isItemPart(e)) {
      const c = read.get(owner);
      if (c) return c;
      continue;
    }
    if (!owner || owner === item) {
      const repliesBox = (repliesSelector && matches(e, repliesSelector)) || namesOf(e).some((n) => REPLIES_NAME_RE.test(n));
      if (!repliesBox) continue;
      let prev = e.previousElementSibling;
      while (prev && !own.isItemPart(prev) && !collapse(prev.textContent ?? '')) prev = prev.previousElementSibling;
      const before = prev && own.isItemPart(prev) ? own.ownerOf(prev) : undefined;
      const c = before ? read.get(before) : undefined;
      if (c) return c;
    }
  }
  return undefined;
}

function readAuthor(own: Ownership, item: Item, rule: CommentRule | undefined, skipReplies: (e: Element) => boolean): { name?: string; el?: Element } {
  if (item.author) {
    const name = cleanAuthor(item.author.textContent);
    if (name) return { name, el: item.author };
  }
  const selectors = rule?.author ? [rule.author, ...AUTHOR_SELECTORS] : AUTHOR_SELECTORS;
  for (const sel of selectors) {
    for (const el of own.owned(item, sel)) {
      if (own.holdsReplies(el)) continue;
      const len = textLengthUpTo(el, MAX_META_CHARS);
      if (len === 0 || len > MAX_META_CHARS) continue;
      const name = cleanAuthor(query(el, '.fn, [itemprop="name"]')?.textContent ?? el.textContent);
      if (name) return { name, el };
    }
  }
  const name = authorFromText(readableText(item.parts, skipReplies));
  return name ? { name } : {};
}

function readDate(own: Ownership, item: Item, rule: CommentRule | undefined, authorEl: Element | undefined): { iso?: string; el?: Element; line?: string } {
  const selectors = rule?.date ? [rule.date, ...DATE_SELECTORS] : DATE_SELECTORS;
  for (const sel of selectors) {
    for (const el of own.owned(item, sel)) {
      if (own.holdsReplies(el) || textLengthUpTo(el, MAX_META_CHARS * 2) > MAX_META_CHARS * 2) continue;
      const iso = dateOf(el);
      if (iso) return { iso, el, line: collapse(el.textContent ?? '') };
    }
  }
  // No marked-up date: one written in the comment's short blocks (its meta line) or beside the author.
  const texts = authorEl?.parentElement ? [authorEl.parentElement.textContent ?? ''] : [];
  for (const el of own.elementsOf(item)) {
    if (childCount(el, 3) <= 3 && !own.holdsReplies(el) && textLengthUpTo(el, MAX_META_CHARS) <= MAX_META_CHARS) texts.push(el.textContent ?? '');
  }
  // The shortest block with a date is the meta line itself, not the comment around it.
  // A date with its time beats one without.
  let best: { iso: string; line: string } | undefined;
  for (const t of texts) {
    // A link's path is no date: "cnn.com/2012/10/17/us/..." is a story the comment cites.
    if (collapse(t).length > MAX_META_CHARS * 2) continue;
    const line = collapse(t.replace(URL_RE, ' '));
    const iso = isoFromText(line);
    if (!iso) continue;
    if (!best || iso.length > best.iso.length || (iso.length === best.iso.length && line.length < best.line.length)) best = { iso, line };
  }
  return best ?? {};
}

function readBody(
  own: Ownership,
  item: Item,
  rule: CommentRule | undefined,
  meta: Array<Element | undefined>,
  skipReplies: (e: Element) => boolean,
  onControl: ((text: string) => void) | undefined,
): { text: string; html?: string; shown: string } {
  const metaEls = new Set(meta.filter((e): e is Element => !!e && textLengthUpTo(e, MAX_META_CHARS) <= MAX_META_CHARS));
  /** Whether `el` is kept out of the comment's text (a reply, a meta line, a control); the controls met go to `met`. */
  const skip = (el: Element, met?: string[]): boolean => {
    if (skipReplies(el) || metaEls.has(el)) return true;
    const t = own.control(el);
    if (t === undefined) return false;
    if (met && commentPatterns().control.test(t)) met.push(t);
    return true;
  };
  const blocked = (el: Element): boolean => skip(el);
  // What the comment shows but its controls and replies: its text plus the meta lines around it (`shown`).
  const notShown = (el: Element): boolean => skipReplies(el) || (own.control(el) !== undefined && !own.matchesAny(el, META_PARTS));
  // What the comment shows besides its controls and meta lines: its text element must hold most of it. The
  // same text is the comment's own when no text element holds it.
  const partsControls: string[] = [];
  // Whether this walk left out an element that `shown` keeps (a meta line); if not, the walk for `shown`,
  // which leaves out no more than this one, would meet the same nodes and give the same text.
  let keptInShown = false;
  const partsText = readableText(item.parts, (el) => {
    const skipped = skip(el, partsControls);
    if (skipped && !keptInShown && !notShown(el)) keptInShown = true;
    return skipped;
  });
  const whole = trimMetaLines(partsText, undefined).length;
  const selectors = rule?.text ? [rule.text, ...TEXT_SELECTORS] : TEXT_SELECTORS;
  let result: { text: string; html?: string } = { text: partsText };
  let controls = partsControls;
  for (const sel of selectors) {
    const el = own.owned(item, sel).find((e) => !own.isItemPart(e));
    if (!el) continue;
    const met: string[] = [];
    const text = readableText([el], (e) => skip(e, met));
    // A text element much smaller than the comment (a one-word `.text` span, a quote) is not the comment's text.
    if (!text || (sel !== rule?.text && text.length < MIN_TEXT_SHARE * whole)) continue;
    result = { text, html: cleanHtml(el, blocked) };
    controls = met;
    break;
  }
  if (onControl) for (const t of controls) onControl(t);
  const shown = keptInShown ? readableText(item.parts, notShown) : partsText;
  return { ...result, shown };
}

const MAX_CONTROL_CHARS = 40;

/** The text of a control (reply button, vote, report link, a comment's chrome) that is not part of its text. */
function controlText(own: Ownership, el: Element): string | undefined {
  if (own.holdsReplies(el)) return undefined;
  const chrome = own.matchesAny(el, CHROME);
  if (chrome) return collapse(el.textContent ?? '');
  // Most elements are a comment's text, not a control: measured first, their text is not built.
  if (childCount(el, 1) > 1) return undefined;
  const length = textLengthUpTo(el, MAX_CONTROL_CHARS);
  if (length === 0 || length > MAX_CONTROL_CHARS) return undefined;
  const t = collapse(el.textContent ?? '');
  return commentPatterns().control.test(t) ? t : undefined;
}

/** Longer than this, what sits beside a comment's text is not its meta line (a mis-read text element). */
const MAX_EDGE_CHARS = 300;

/**
 * The meta lines printed above and below a comment's text ("Ann says:", "October 29, 2012 at 12:41 pm",
 * "Posted by: Ann at 9:48 PM"): what the comment shows (`shown`) before and after its text.
 */
export function metaAround(shown: string, text: string): { header?: string; footer?: string } {
  const all = shown.split('\n\n');
  const own = text.split('\n\n');
  const first = all.indexOf(own[0]!);
  const last = all.lastIndexOf(own[own.length - 1]!);
  if (first < 0 || last < first) return {};
  const edge = (lines: string[]) => {
    const s = lines.join(' ');
    return s && s.length <= MAX_EDGE_CHARS ? s : undefined;
  };
  return { header: edge(all.slice(0, first)), footer: edge(all.slice(last + 1)) };
}

/** The text element's HTML, through the body's sanitiser, when it holds no nested reply and no controls. */
function cleanHtml(el: Element, blocked: (el: Element) => boolean): string | undefined {
  for (const e of queryAll(el, '*')) if (blocked(e)) return undefined;
  const html = sanitizeBody(el.innerHTML);
  return html || undefined;
}
