/**
 * The standfirst: the one- to three-sentence lead that sits between the headline and the first paragraph
 * (`.lead`, `.intro`, `.standfirst`, `.teaser-text`, `.excerpt`, `.chapo`…). Many templates keep it outside the
 * element that holds the paragraphs, so Readability leaves it behind. It is taken back only when it sits
 * directly before the body's first paragraph: a lead elsewhere on the page (in a teaser list, over a picture,
 * beside the byline) is not this article's opening.
 */
import { classTokens } from './boilerplate.js';
import { elementsWhere, safeClosest, safeQuery, safeQueryAll, textLength, textOf } from './dom-utils.js';

export interface Standfirst {
  text: string;
  /** Where its text ends in the page's text (whitespace folded), to measure what lies between it and the body. */
  end: number;
  /** The page's text, whitespace folded. */
  pageText: string;
}

const LEAD_TOKENS = new Set(['lead', 'description', 'standfirst', 'intro', 'deck', 'dek', 'excerpt', 'summary', 'subtitle', 'subheadline', 'sub-headline', 'teaser-text', 'chapo', 'chapeau', 'bajada', 'abstract', 'lede']);
/** A lead-like class on a picture's label, a teaser card, a bio or the site's tagline says something else. */
const NOT_LEAD_TOKENS = new Set(['author', 'bio', 'image', 'img', 'photo', 'caption', 'media', 'video', 'site', 'card', 'promo', 'newsletter', 'cookie', 'product', 'item', 'list', 'related', 'teaser-list']);
/** Cheap first pass: class values that may hold a lead token (each hit is then checked token by token). */
const LEAD_HINT = /lead|description|standfirst|intro|dek|deck|excerpt|summary|subtitle|subheadline|sub-headline|teaser|chapo|chapeau|bajada|abstract|lede/i;
const MIN_CHARS = 40;
const MAX_CHARS = 600;
/** Characters allowed between the lead and the body's first paragraph (folded whitespace, a stray label). */
const MAX_GAP = 20;
const MAX_LINK_SHARE = 0.3;
/** A lead reads as sentences; a byline or meta block ("1.11.23 20:19 von X, Lesezeit: 4 Min.") carries a time. */
const SENTENCE_END = /[.!?…]["”“»)]?$/;
const TIME = /\b\d{1,2}:\d{2}\b/;

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

function isLeadElement(el: Element): boolean {
  // A lead with a picture in it carries the picture's caption and credit too.
  if (el.tagName === 'FIGURE' || el.tagName === 'FIGCAPTION' || safeClosest(el, 'li, nav, aside, footer') || safeQuery(el, 'img, picture, figure')) return false;
  const tokens = classTokens(el);
  return tokens.some((t) => LEAD_TOKENS.has(t)) && !tokens.some((t) => NOT_LEAD_TOKENS.has(t));
}

/** Finds the page's standfirst before anything is removed. Undefined when there is no lead-like block. */
export function findStandfirst(doc: Document, title: string | undefined): Standfirst | undefined {
  const body = doc.body;
  if (!body) return undefined;
  const found = elementsWhere(body, (el) => LEAD_HINT.test(el.getAttribute('class') ?? '')).filter(isLeadElement);
  // The innermost: `.intro` may hold breadcrumbs and the headline around the `.chapo` that is the lead.
  const leads = found.filter((el) => !found.some((o) => o !== el && el.contains(o)));
  const wantTitle = title ? fold(title) : '';
  let pageText: string | undefined;
  for (const el of leads) {
    const text = fold(textOf(el));
    if (text.length < MIN_CHARS || text.length > MAX_CHARS || !SENTENCE_END.test(text) || TIME.test(text)) continue;
    if (wantTitle && text.includes(wantTitle)) continue;
    const links = safeQueryAll(el, 'a').reduce((n, a) => n + textLength(a), 0);
    if (links / text.length > MAX_LINK_SHARE) continue;
    pageText ??= fold(body.textContent ?? '');
    const at = pageText.indexOf(text);
    if (at >= 0) return { text, end: at + text.length, pageText };
  }
  return undefined;
}

/** Puts the standfirst back at the top of the body when the body's first paragraph follows it on the page. */
export function restoreStandfirst(body: Element, lead: Standfirst | undefined, firstBlock: string | undefined): void {
  if (!lead || !firstBlock) return;
  const bodyText = fold(body.textContent ?? '');
  if (bodyText.includes(lead.text.slice(0, MIN_CHARS))) return;
  const start = lead.pageText.indexOf(fold(firstBlock).slice(0, MIN_CHARS), lead.end);
  if (start < 0 || start - lead.end > MAX_GAP) return;
  const p = body.ownerDocument.createElement('p');
  p.textContent = lead.text;
  body.insertBefore(p, body.firstChild);
}
