/**
 * The arbiter: every finder (a rule's selectors, markup named like comments, repeated siblings, a run after a
 * comment heading) proposes candidate threads with their evidence; one judge weighs the evidence with the
 * weights below, vetoes what must never be detached, and says why in words for the audit trail and `explain`
 * ("14 comments moved to comments.items: li.comment x14 (comments#markup), because named items 2, …").
 *
 * A candidate is accepted when its score reaches MIN_SCORE and no guard vetoes it. Guards (each has a test in
 * test/comments-arbiter.test.ts):
 *   - `headline`: a section that holds the page's `<h1>` outside its items holds the article.
 *   - `article-sections`: items that fill the article's body container with no comment cue (a CMS's content
 *     blocks with ids like TYPO3's `c123456`) are the article's sections.
 *   - `weak`: nothing but the items' repetition says they are comments (score under MIN_SCORE).
 * A rule's selectors are trusted: only `headline` applies to them.
 */
import { hasDate } from '../dates.js';
import { COMMENT_NAME_RE, ITEM_ID_RE } from './cues.js';
import { attrsOf, collapse, headText, queryAll, tagOf, textLength, withinSet } from './dom.js';
import { isCommentNamed } from './names.js';
import type { Page } from './page.js';
import { fillsArticleBody, hasAuthorCue, isMetaLine, siblingSignature, topLevel, type Item } from './threads.js';
import { commentPatterns } from './words.js';

/** What the judge weighs; each weight is documented where it is read. */
export const WEIGHTS = {
  /** An outlet's or platform's comment selectors found the thread: people who read the site's markup said so. */
  rule: 4,
  /** Times the share of items whose own id or class names them a comment (`li.comment`, `#comment-123`). */
  namedItems: 2,
  /** The section (or a container up to three levels above its items) is named for comments (`#comments`). */
  namedSection: 1,
  /** A comment heading ("Comments", "3 Responses", "Have your say") right before the thread or at its top. */
  heading: 1.5,
  /** Times the share of items that carry both an author and a date, as a comment's meta line does. */
  cues: 2,
  /** Three or more items of one shape (same tag and classes): a repeated block, as threads are. */
  repeated: 0.5,
} as const;

/** Items read for their cues, at most. */
const SAMPLE = 50;

/** The least score a generic candidate needs: more than repetition, e.g. a heading, or names, or cues on half. */
export const MIN_SCORE = 1;

export type Finder = 'rule' | 'markup' | 'siblings' | 'flat' | 'heading-run' | 'loose';

export interface Evidence {
  finder: Finder;
  /** The items' markup family: tag and classes of the most common shape (`li.comment`), with how many. */
  family: string;
  items: number;
  /** Items whose own names say comment. */
  named: number;
  /** The section or a near container is named for comments. */
  namedSection: boolean;
  /** The comment heading over the thread, when one is there. */
  heading?: string;
  /** Items with an author cue and a date. */
  cued: number;
  /** Items in the largest group of one shape. */
  shape: number;
}

export interface Verdict {
  accepted: boolean;
  score: number;
  /** "named items 2, heading 1.5, …" or the guard that vetoed it. */
  because: string;
  evidence: Evidence;
}

function shapeName(el: Element): string {
  const cls = attrsOf(el).cls.trim().split(/\s+/).filter(Boolean).slice(0, 2);
  return `${tagOf(el).toLowerCase()}${cls.map((c) => `.${c.replace(/\d+/g, '#')}`).join('')}`;
}

/** A comment heading: short, worded like one, or named for comments. */
export function isCommentHeadingText(text: string): boolean {
  const { headingStart, counter } = commentPatterns();
  return !!text && text.length <= 80 && (headingStart.test(text) || counter.test(text));
}

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** A short block that reads as a comment heading: a heading element, or a bold or caption line. */
function headingLike(el: Element): string | undefined {
  const tag = tagOf(el);
  const text = collapse(el.textContent ?? '');
  if (!text || text.length > 80) return undefined;
  const heading = HEADING_TAGS.has(tag) || tag === 'B' || tag === 'STRONG' || tag === 'P' || tag === 'DIV' || tag === 'SPAN' || tag === 'LEGEND' || tag === 'CAPTION';
  if (!heading) return undefined;
  return isCommentHeadingText(text) ? text : undefined;
}

/** The comment heading just before the thread's first element (up to three elements back, two levels up), or first inside its section. */
function headingOver(page: Page, roots: Element[], items: Item[]): string | undefined {
  const first = page.sorted([...roots, ...items.flatMap((i) => i.parts)])[0];
  if (!first) return undefined;
  for (const root of roots) {
    const own = headingLike(root);
    if (own) return own;
    for (const h of queryAll(root, 'h1,h2,h3,h4,h5,h6,caption,legend')) {
      const t = headingLike(h);
      if (t) return t;
    }
  }
  let from: Element | null = first;
  for (let up = 0; up < 3 && from; up++) {
    let s = from.previousElementSibling;
    for (let n = 0; s && n < 3; n++, s = s.previousElementSibling) {
      const t = headingLike(s) ?? (collapse(s.textContent ?? '').length <= 80 ? queryAll(s, 'h1,h2,h3,h4,h5,h6,b,strong').map(headingLike).find(Boolean) : undefined);
      if (t) return t;
      if (collapse(s.textContent ?? '').length > 200) break;
    }
    if (from.previousElementSibling) break;
    from = from.parentElement;
  }
  return undefined;
}

function namedItem(el: Element): boolean {
  const { id } = attrsOf(el);
  return isCommentNamed(el) || (id !== '' && ITEM_ID_RE.test(id) && COMMENT_NAME_RE.test(id));
}

function namedNear(page: Page, roots: Element[], items: Item[]): boolean {
  for (const r of roots) {
    for (let e: Element | null = r, n = 0; e && e !== page.body && n < 4; e = e.parentElement, n++) if (isCommentNamed(e) && !items.some((i) => i.el === e)) return true;
  }
  return false;
}

/** The evidence a candidate carries, read from the page as it is (before anything is detached). */
export function evidenceOf(page: Page, finder: Finder, items: Item[], roots: Element[]): Evidence {
  const tops = topLevel(items);
  const shapes = new Map<string, number>();
  for (const it of tops) {
    const sig = siblingSignature(it.el);
    shapes.set(sig, (shapes.get(sig) ?? 0) + 1);
  }
  let shape = 0;
  let sig = '';
  for (const [k, n] of shapes) if (n > shape) [shape, sig] = [n, k];
  const sample = tops.find((it) => siblingSignature(it.el) === sig)?.el ?? tops[0]?.el;
  // Read on at most SAMPLE items spread over the thread: a thread of twenty thousand costs what one of fifty does.
  const step = Math.max(1, Math.ceil(items.length / SAMPLE));
  const sampled = items.filter((_, i) => i % step === 0);
  const cuedSample = sampled.filter((it) => {
    // A meta line anywhere in the comment ("posted on October 24, 2012 at 7:26 PM by Darren") carries both.
    if (it.parts.some((p) => isMetaLine(p) || (textLength(p) <= 3000 && queryAll(p, 'p,div,span,small,footer,header,dt,td,em,i,font').some((d) => textLength(d) <= 200 && isMetaLine(d))))) return true;
    const head = it.parts.map((p) => headText(p, 400)).join(' ');
    return (hasDate(head) || it.parts.some((p) => !!p.querySelector('time[datetime]'))) && it.parts.some((p) => hasAuthorCue(p));
  }).length;
  const cued = Math.round((cuedSample / (sampled.length || 1)) * items.length);
  const heading = headingOver(page, roots, items);
  return {
    finder,
    family: sample ? `${shapeName(sample)} x${shape}` : '',
    items: items.length,
    named: items.filter((it) => namedItem(it.el)).length,
    namedSection: namedNear(page, roots, items),
    ...(heading ? { heading } : {}),
    cued,
    shape,
  };
}

/** Whether a section holds the page's headline outside its items. */
function holdsHeadline(roots: Element[], items: Item[]): boolean {
  const itemEls = new Set(items.flatMap((i) => i.parts));
  return roots.some((r) => (tagOf(r) === 'H1' && !itemEls.has(r)) || queryAll(r, 'h1').some((h) => !withinSet(h, itemEls)));
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Weighs a candidate and says why it was taken or left. */
export function judge(page: Page, finder: Finder, items: Item[], roots: Element[]): Verdict {
  const ev = evidenceOf(page, finder, items, roots);
  const parts: Array<[string, number]> = [];
  if (finder === 'rule') parts.push(['rule selectors', WEIGHTS.rule]);
  if (ev.named) parts.push(['named items', WEIGHTS.namedItems * (ev.named / ev.items)]);
  if (ev.namedSection) parts.push(['named section', WEIGHTS.namedSection]);
  if (ev.heading) parts.push([`heading "${ev.heading.slice(0, 40)}"`, WEIGHTS.heading]);
  if (ev.cued) parts.push([`author and date on ${ev.cued}/${ev.items}`, WEIGHTS.cues * (ev.cued / ev.items)]);
  if (ev.shape >= 3) parts.push([`${ev.shape} alike`, WEIGHTS.repeated]);
  const score = round(parts.reduce((a, [, w]) => a + w, 0));
  const reasons = parts.map(([k, w]) => `${k} ${round(w)}`).join(', ') || 'no evidence';
  const veto = (guard: string): Verdict => ({ accepted: false, score, because: `vetoed (${guard}): ${reasons}`, evidence: ev });
  if (holdsHeadline(roots, items)) return veto('headline');
  if (finder !== 'rule') {
    if (fillsArticleBody(page, items)) return veto('article-sections');
    if (score < MIN_SCORE) return veto('weak');
  }
  return { accepted: true, score, because: `${reasons}; score ${score}`, evidence: ev };
}

/** Prose the page has outside a thread (non-space characters of sentence-long text), above which it has an article. */
export const MAX_PROSE_OUTSIDE = 300;
/** Text shorter than this in one element is a label, a link list or a date, not prose. */
const MIN_PROSE = 40;
/** The first post of a thread page says something. */
export const MIN_FIRST_POST = 100;

/** Non-space characters of an element's own text nodes (not its children's). */
function directText(el: Element): number {
  let n = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) n += (c.nodeValue ?? '').replace(/\s+/g, '').length;
  return n;
}

/**
 * Whether the page's repeated posts are its content (a forum thread, a Q&A page): posts not named or marked up
 * as reader comments (a comment system's thread under a photo or a video is still reader comments), no block
 * of prose and no article container outside the thread, and a first post that holds no reply. Then the first
 * post is the body and the rest are the items (`comments.kind: 'thread'`).
 */
export function isThreadPage(page: Page, items: Item[], roots: Element[], finder: Finder): Item | undefined {
  if (finder === 'rule' || items.some((it) => namedItem(it.el)) || roots.some((r) => isCommentNamed(r))) return undefined;
  const tops = topLevel(items);
  const first = tops[0];
  if (tops.length < 2 || !first) return undefined;
  const inFirst = items.filter((it) => it !== first && first.parts.some((p) => p.contains(it.el)));
  if (inFirst.length) return undefined;
  if (first.parts.reduce((n, p) => n + textLength(p), 0) < MIN_FIRST_POST) return undefined;
  const inThread = (el: Element) => roots.some((r) => r === el || r.contains(el));
  for (const m of page.articleMarkers()) if (!inThread(m) && !roots.some((r) => m.contains(r))) return undefined;
  let prose = 0;
  for (const el of page.elements()) {
    if (inThread(el) || tagOf(el) === 'A') continue;
    const n = directText(el);
    if (n >= MIN_PROSE) prose += n;
    if (prose > MAX_PROSE_OUTSIDE) return undefined;
  }
  return first;
}
