/**
 * Post-cleaning the chosen body: what Readability kept but a reader would not call the article — prompts
 * inside it, the title repeated as a heading, a byline or dateline at the top, teaser paragraphs repeated after
 * an interstitial, and link lists or credits trailing at the end.
 */
import { preview, type PageContext } from '../context.js';
import { normaliseForMatch } from '../rules/phrases.js';
import type { Category } from '../types.js';
import { removeByPhrases, removeImageCaptions } from './boilerplate.js';
import { BLOCK_TAGS as OUTPUT_BLOCK_TAGS, detach, innermost, safeQueryAll, textLength, textOf } from './dom-utils.js';
import { restoreStandfirst, type Standfirst } from './standfirst.js';
import { SKIPPED_IN_OUTPUT } from './blocks.js';
import { isAuthorLine, isBylineLine } from '../bylines.js';
import { findRepeats } from '../duplicates.js';

/** Edge blocks: how many blocks from the top are checked for bylines and datelines. */
const EDGE_BLOCKS = 4;
/** An edge block longer than this (characters) is text, never a byline or a dateline. */
const EDGE_MAX_CHARS = 120;
/** A trailing block that is mostly links (by text share) and has few words of its own is a link list. */
const LINK_DENSITY = 0.6;
/** ...with fewer words than this. */
const LINK_LIST_MAX_WORDS = 40;

const DATE_LINE_RE = /^((updated|published|posted|last updated|aktualisiert|veröffentlicht|mis à jour|publié)\b.{0,60}|\w+\.? \d{1,2}, \d{4}(,? \d{1,2}:\d{2} ?(am|pm)?( \w{2,4})?)?|\d{1,2}\.? \w+\.?,? \d{4}(,? \d{1,2}[:.]\d{2}( uhr)?)?|\d{4}-\d{2}-\d{2}[ t]?[\d:]*)$/iu;

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE', 'DIV', 'SECTION']);

/**
 * The body's leaf-ish blocks (block elements with no block element inside, with text), found once and found
 * again only after a step removed something: most steps remove nothing, and each used to walk the whole body.
 */
class Blocks {
  private list: Element[] | undefined;
  constructor(readonly body: Element) {}
  get leaves(): Element[] {
    return (this.list ??= innermost(this.body, BLOCK_TAGS).filter((el) => /\S/.test(el.textContent ?? '')));
  }
  /** Called by every removal: a block's parent may be a leaf once the block is gone. */
  changed(): void {
    this.list = undefined;
  }
}

function remove(ctx: PageContext, blocks: Blocks, el: Element, category: Category, rule: string): void {
  if (ctx.disabled.has(rule)) return;
  const text = textOf(el);
  detach(el);
  blocks.changed();
  if (text) ctx.removed.push({ category, rule, text: preview(text) });
}

/**
 * One paragraph of the output (src/html/blocks.ts): a block element with no block inside, or a run of text and
 * inline elements between blocks ("<article><time>19 Dec 2025</time><section>…" prints the date as a paragraph of
 * its own). The edge rules read these, so they test what the reader sees, not only innermost elements.
 */
interface Unit {
  /** The block element when the paragraph is all of it. */
  el?: Element;
  nodes: Node[];
  text: string;
}

function holdsBlock(el: Element): boolean {
  const stack: Element[] = [...el.children];
  while (stack.length) {
    const e = stack.pop()!;
    if (OUTPUT_BLOCK_TAGS.has(e.tagName)) return true;
    for (let i = 0; i < e.children.length; i++) stack.push(e.children[i]!);
  }
  return false;
}

/**
 * The body's first `n` paragraphs as the output prints them, in document order, or its last `n` (`fromEnd`, in
 * reverse order). The walk stops there: the edge rules need a few.
 */
function paragraphUnits(root: Element, n: number, fromEnd = false): Unit[] {
  const units: Unit[] = [];
  // Frames of an explicit stack (a page of deeply nested elements must not overflow the call stack).
  const frames: Array<{ el: Element; i: number; run: Node[]; whole: boolean }> = [{ el: root, i: 0, run: [], whole: true }];
  const flush = (f: { el: Element; run: Node[]; whole: boolean }, last: boolean) => {
    if (!f.run.length) return;
    const nodes = fromEnd ? f.run.reverse() : f.run;
    const text = nodes.map((x) => (SKIPPED_IN_OUTPUT.has((x as Element).tagName) ? '' : x.textContent ?? '')).join('').replace(/\s+/g, ' ').trim();
    if (text) units.push(f.whole && last && f.el !== root ? { el: f.el, nodes, text } : { nodes, text });
    f.run = [];
  };
  while (frames.length && units.length < n) {
    const f = frames[frames.length - 1]!;
    const kids = f.el.childNodes;
    if (f.i >= kids.length) {
      flush(f, true);
      frames.pop();
      continue;
    }
    const node = kids[fromEnd ? kids.length - 1 - f.i++ : f.i++]!;
    const tag = node.nodeType === 1 ? (node as Element).tagName : '';
    // A block, or an inline element with a block inside (a link around a paragraph), breaks the paragraph.
    if (tag && !SKIPPED_IN_OUTPUT.has(tag) && (OUTPUT_BLOCK_TAGS.has(tag) || holdsBlock(node as Element))) {
      flush(f, false);
      f.whole = false;
      frames.push({ el: node as Element, i: 0, run: [], whole: OUTPUT_BLOCK_TAGS.has(tag) });
    } else f.run.push(node);
  }
  return units.slice(0, n);
}

function removeUnit(ctx: PageContext, blocks: Blocks, u: Unit, category: Category, rule: string): void {
  if (u.el) return remove(ctx, blocks, u.el, category, rule);
  if (ctx.disabled.has(rule)) return;
  for (const n of u.nodes) detach(n);
  blocks.changed();
  ctx.removed.push({ category, rule, text: preview(u.text) });
}

function removeTitleHeading(ctx: PageContext, blocks: Blocks, title: string | undefined): void {
  if (!title) return;
  const want = normaliseForMatch(title);
  for (const h of safeQueryAll(blocks.body, 'h1, h2, h3').slice(0, 2)) {
    if (normaliseForMatch(textOf(h)) === want) remove(ctx, blocks, h, 'title', 'postclean#title');
  }
}

/** A date in a meta line: `24.01.2022`, `2021-10-16`, `04/21/2022`, `14. Juni 2019`, `June 14, 2019`, `19:49`. */
const META_DATE_RE = /\b(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\.? \p{L}{3,}\.? \d{4}|\p{L}{3,}\.? \d{1,2}, \d{4}|\d{1,2}:\d{2})\b/gu;
/** A meta line's fields: a label (`Kategorie: News`, `News date : …`), a time beside the date. */
const META_FIELD_RE = /\p{L}\s?:\s|\b\d{1,2}:\d{2}(?!\d)/u;
const META_LINE_MAX_CHARS = 100;
/** Words left once the dates are taken out: a meta line has a label or a name, not a sentence. */
const META_LINE_MAX_WORDS = 3;

/**
 * A meta line at the body's edge: the date with the author, category or view count beside it
 * ("24.01.2022 11:38 Kategorie: News", "Verfasst von: Anna | 31. Dezember 2008"). A sentence that mentions a
 * date has more words around it and no field labels.
 */
function isMetaLine(text: string): boolean {
  // An address is not a meta line, whatever dates its path holds.
  if (text.length > META_LINE_MAX_CHARS || /[.!?]["”]?$/.test(text) || text.includes('://')) return false;
  META_DATE_RE.lastIndex = 0;
  if (!META_DATE_RE.test(text)) return false;
  const rest = text.replace(META_DATE_RE, ' ').replace(/[|•·:,/-]/g, ' ').trim();
  return META_FIELD_RE.test(text) || rest.split(/\s+/).filter(Boolean).length <= META_LINE_MAX_WORDS;
}

/** Blocks from the end checked for meta lines and the author's bio. */
const TAIL_BLOCKS = 2;
const BIO_MAX_CHARS = 600;

/** A kicker: the rubric word above the headline ("Community", "Deutschland") that opens the body alone. */
const KICKER_MAX_WORDS = 2;
const KICKER_MAX_CHARS = 25;

function isKicker(text: string): boolean {
  return text.length <= KICKER_MAX_CHARS && text.split(' ').length <= KICKER_MAX_WORDS && /^\p{L}[\p{L}\s&-]*$/u.test(text);
}

function removeEdgeBylines(ctx: PageContext, blocks: Blocks, authors: string[]): void {
  const names = authors.map((a) => normaliseForMatch(a));
  const first = blocks.leaves[0];
  if (first && isKicker(textOf(first))) remove(ctx, blocks, first, 'navigation', 'postclean#kicker');
  // The first blocks, then the first paragraphs as printed: a date in a run of text beside the blocks is one.
  const edge = (u: Unit) => {
    if (u.text.length > EDGE_MAX_CHARS) return;
    const norm = normaliseForMatch(u.text);
    if (isBylineLine(u.text, ctx.vocabulary) || isAuthorLine(norm, names, ctx.vocabulary)) removeUnit(ctx, blocks, u, 'byline', 'postclean#byline');
    else if (DATE_LINE_RE.test(u.text) || isMetaLine(u.text)) removeUnit(ctx, blocks, u, 'dateline', 'postclean#dateline');
  };
  for (const el of blocks.leaves.slice(0, EDGE_BLOCKS)) edge({ el, nodes: [el], text: textOf(el) });
  for (const u of paragraphUnits(blocks.body, EDGE_BLOCKS)) edge(u);
  // The tail: the same meta line under the body, and the author's bio, which opens with the author's own name
  // ("Alice Wu fell down the rabbit hole of politics aged 12 …"); the article itself does not end on its writer.
  // A person's full name: an organisation credited as author ("The Associated Press") may sign a closing note.
  const fullNames = names.filter((n) => n.includes(' ') && !n.startsWith('the '));
  for (const u of paragraphUnits(blocks.body, TAIL_BLOCKS, true).reverse()) {
    const text = u.text;
    const norm = normaliseForMatch(text);
    if (isMetaLine(text)) removeUnit(ctx, blocks, u, 'dateline', 'postclean#dateline');
    else if (text.length <= BIO_MAX_CHARS && fullNames.some((n) => norm.startsWith(`${n} `))) removeUnit(ctx, blocks, u, 'author-bio', 'postclean#author-bio');
  }
}

/** Later copies of a paragraph already seen (a teaser repeated after an interstitial) go; the first stays. */
function removeRepeatedParagraphs(ctx: PageContext, blocks: Blocks): void {
  const texts = blocks.leaves.map((el) => ({ el, text: textOf(el) }));
  for (const r of findRepeats(texts, { near: false })) remove(ctx, blocks, r.block.el, 'duplicate', 'postclean#duplicate');
}

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LABEL_MAX_WORDS = 10;

/** A heading that reads as a label, not as sentences some sites set in heading tags. */
function isLabel(text: string): boolean {
  return /\p{L}/u.test(text) && text.split(' ').length <= LABEL_MAX_WORDS && !/[.!]["”]?$/.test(text);
}

/**
 * The body's tail, from the end: link lists ("Read more", related stories) that Readability kept, and headings
 * with nothing under them. A heading at the very end introduces no text of the article: it is the label of a
 * box that was removed or never held text ("More news", "Further tips", "Find the right one").
 */
function removeTrailingLinkLists(ctx: PageContext, blocks: Blocks): void {
  const leaves = blocks.leaves;
  for (let i = leaves.length - 1; i >= 0; i--) {
    const el = leaves[i]!;
    const text = textOf(el);
    if (HEADING_TAGS.has(el.tagName) && isLabel(text)) {
      remove(ctx, blocks, el, 'boilerplate', 'postclean#orphan-heading');
      continue;
    }
    const linkText = safeQueryAll(el, 'a').map((a) => textOf(a)).join(' ');
    const density = text.length ? linkText.length / text.length : 0;
    if (density >= LINK_DENSITY && text.split(' ').length < LINK_LIST_MAX_WORDS) remove(ctx, blocks, el, 'related', 'postclean#link-list');
    else break;
  }
}

/** Inside the body, a run of this many link-only blocks in a row is a link list (related stories, "more on"). */
const LINK_RUN = 2;
const LINK_ONLY_DENSITY = 0.9;
const LINK_ITEM_MAX_WORDS = 25;

/**
 * Link lists in the middle of the body: consecutive short blocks that are nothing but a link ("Tram line
 * delayed again", "Cycle lanes approved"). One linked line alone stays: it may be a source the article cites.
 */
function removeInlineLinkLists(ctx: PageContext, blocks: Blocks): void {
  const leaves = blocks.leaves;
  const linkOnly = leaves.map((el) => {
    const text = textOf(el);
    if (!text || text.split(' ').length > LINK_ITEM_MAX_WORDS) return false;
    const linkText = safeQueryAll(el, 'a').reduce((n, a) => n + textLength(a), 0);
    return linkText / text.length >= LINK_ONLY_DENSITY;
  });
  let i = 0;
  while (i < leaves.length) {
    if (!linkOnly[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < leaves.length && linkOnly[j]) j++;
    if (j - i >= LINK_RUN) for (let k = i; k < j; k++) remove(ctx, blocks, leaves[k]!, 'related', 'postclean#link-list');
    i = j;
  }
}

/** The text of the body's first leaf block, if it has one. */
function firstBlockText(blocks: Blocks): string | undefined {
  const first = blocks.leaves[0];
  return first && textOf(first);
}

/** A page address compared as the same page: no scheme, `www.`, query, fragment or trailing slash, lower case. */
function addressKey(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\/(www\d?\.)?/, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/**
 * The page's own address printed alone on a line (a print or share leftover). Another address alone on a line is
 * a source the article names, and stays.
 */
function removeOwnAddress(ctx: PageContext, blocks: Blocks, addresses: Array<string | undefined>): void {
  const own = new Set(addresses.filter((a): a is string => !!a).map(addressKey));
  // Nearly every body prints no address at all: one read of its text spares the walk of its blocks.
  if (!own.size || !(blocks.body.textContent ?? '').includes('://')) return;
  for (const el of blocks.leaves) {
    const text = textOf(el);
    if (/^https?:\/\/\S+$/i.test(text) && own.has(addressKey(text))) remove(ctx, blocks, el, 'boilerplate', 'postclean#own-address');
  }
}

export function postClean(ctx: PageContext, body: Element, meta: { title?: string; authors: string[]; standfirst?: Standfirst; canonicalUrl?: string }): void {
  removeByPhrases(ctx, body, []);
  removeImageCaptions(ctx, body);
  const blocks = new Blocks(body);
  removeTitleHeading(ctx, blocks, meta.title);
  removeOwnAddress(ctx, blocks, [ctx.url, meta.canonicalUrl]);
  removeEdgeBylines(ctx, blocks, meta.authors);
  removeRepeatedParagraphs(ctx, blocks);
  removeTrailingLinkLists(ctx, blocks);
  removeInlineLinkLists(ctx, blocks);
  if (!ctx.disabled.has('postclean#standfirst')) restoreStandfirst(body, meta.standfirst, firstBlockText(blocks));
}
