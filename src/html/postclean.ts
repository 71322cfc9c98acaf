/**
 * Post-cleaning the chosen body: what Readability kept but a reader would not call the article — prompts
 * inside it, the title repeated as a heading, a byline or dateline at the top, teaser paragraphs repeated after
 * an interstitial, and link lists or credits trailing at the end.
 */
import { preview, type PageContext } from '../context.js';
import { normaliseForMatch } from '../rules/phrases.js';
import type { Category } from '../types.js';
import { removeByPhrases, removeImageCaptions } from './boilerplate.js';
import { detach, innermost, safeQueryAll, textLength, textOf } from './dom-utils.js';
import { restoreStandfirst, type Standfirst } from './standfirst.js';
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

const DATE_LINE_RE = /^((updated|published|posted|last updated|aktualisiert|veröffentlicht|mis à jour|publié)\b.{0,60}|\w+\.? \d{1,2}, \d{4}(,? \d{1,2}:\d{2} ?(am|pm)?( \w{2,4})?)?|\d{1,2}\.? \w+\.? \d{4}(,? \d{1,2}[:.]\d{2}( uhr)?)?|\d{4}-\d{2}-\d{2}[ t]?[\d:]*)$/iu;

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE', 'DIV', 'SECTION']);

function remove(ctx: PageContext, el: Element, category: Category, rule: string): void {
  if (ctx.disabled.has(rule)) return;
  const text = textOf(el);
  detach(el);
  if (text) ctx.removed.push({ category, rule, text: preview(text) });
}

/** Leaf-ish blocks: block elements with no block element inside. */
function leafBlocks(root: Element): Element[] {
  return innermost(root, BLOCK_TAGS).filter((el) => /\S/.test(el.textContent ?? ''));
}

function removeTitleHeading(ctx: PageContext, body: Element, title: string | undefined): void {
  if (!title) return;
  const want = normaliseForMatch(title);
  for (const h of safeQueryAll(body, 'h1, h2, h3').slice(0, 2)) {
    if (normaliseForMatch(textOf(h)) === want) remove(ctx, h, 'title', 'postclean#title');
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
  if (text.length > META_LINE_MAX_CHARS || /[.!?]["”]?$/.test(text)) return false;
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

function removeEdgeBylines(ctx: PageContext, body: Element, authors: string[]): void {
  const names = authors.map((a) => normaliseForMatch(a));
  const first = leafBlocks(body)[0];
  if (first && isKicker(textOf(first))) remove(ctx, first, 'navigation', 'postclean#kicker');
  for (const el of leafBlocks(body).slice(0, EDGE_BLOCKS)) {
    const text = textOf(el);
    if (text.length > EDGE_MAX_CHARS) continue;
    const norm = normaliseForMatch(text);
    if (isBylineLine(text, ctx.vocabulary) || isAuthorLine(norm, names, ctx.vocabulary)) remove(ctx, el, 'byline', 'postclean#byline');
    else if (DATE_LINE_RE.test(text) || isMetaLine(text)) remove(ctx, el, 'dateline', 'postclean#dateline');
  }
  // The tail: the same meta line under the body, and the author's bio, which opens with the author's own name
  // ("Alice Wu fell down the rabbit hole of politics aged 12 …"); the article itself does not end on its writer.
  // A person's full name: an organisation credited as author ("The Associated Press") may sign a closing note.
  const fullNames = names.filter((n) => n.includes(' ') && !n.startsWith('the '));
  for (const el of leafBlocks(body).slice(-TAIL_BLOCKS)) {
    const text = textOf(el);
    const norm = normaliseForMatch(text);
    if (isMetaLine(text)) remove(ctx, el, 'dateline', 'postclean#dateline');
    else if (text.length <= BIO_MAX_CHARS && fullNames.some((n) => norm.startsWith(`${n} `))) remove(ctx, el, 'author-bio', 'postclean#author-bio');
  }
}

/** Later copies of a paragraph already seen (a teaser repeated after an interstitial) go; the first stays. */
function removeRepeatedParagraphs(ctx: PageContext, body: Element): void {
  const blocks = leafBlocks(body).map((el) => ({ el, text: textOf(el) }));
  for (const r of findRepeats(blocks, { near: false })) remove(ctx, r.block.el, 'duplicate', 'postclean#duplicate');
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
function removeTrailingLinkLists(ctx: PageContext, body: Element): void {
  const blocks = leafBlocks(body);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const el = blocks[i]!;
    const text = textOf(el);
    if (HEADING_TAGS.has(el.tagName) && isLabel(text)) {
      remove(ctx, el, 'boilerplate', 'postclean#orphan-heading');
      continue;
    }
    const linkText = safeQueryAll(el, 'a').map((a) => textOf(a)).join(' ');
    const density = text.length ? linkText.length / text.length : 0;
    if (density >= LINK_DENSITY && text.split(' ').length < LINK_LIST_MAX_WORDS) remove(ctx, el, 'related', 'postclean#link-list');
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
function removeInlineLinkLists(ctx: PageContext, body: Element): void {
  const blocks = leafBlocks(body);
  const linkOnly = blocks.map((el) => {
    const text = textOf(el);
    if (!text || text.split(' ').length > LINK_ITEM_MAX_WORDS) return false;
    const linkText = safeQueryAll(el, 'a').reduce((n, a) => n + textLength(a), 0);
    return linkText / text.length >= LINK_ONLY_DENSITY;
  });
  let i = 0;
  while (i < blocks.length) {
    if (!linkOnly[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < blocks.length && linkOnly[j]) j++;
    if (j - i >= LINK_RUN) for (let k = i; k < j; k++) remove(ctx, blocks[k]!, 'related', 'postclean#link-list');
    i = j;
  }
}

/** The text of the body's first leaf block, if it has one. */
function firstBlockText(body: Element): string | undefined {
  const first = leafBlocks(body)[0];
  return first && textOf(first);
}

export function postClean(ctx: PageContext, body: Element, meta: { title?: string; authors: string[]; standfirst?: Standfirst }): void {
  removeByPhrases(ctx, body, []);
  removeImageCaptions(ctx, body);
  removeTitleHeading(ctx, body, meta.title);
  removeEdgeBylines(ctx, body, meta.authors);
  removeRepeatedParagraphs(ctx, body);
  removeTrailingLinkLists(ctx, body);
  removeInlineLinkLists(ctx, body);
  if (!ctx.disabled.has('postclean#standfirst')) restoreStandfirst(body, meta.standfirst, firstBlockText(body));
}
