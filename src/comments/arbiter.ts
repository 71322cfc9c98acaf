/**
 * The arbiter: every finder (a rule's selectors, markup named like comments, repeated siblings, a run after a
 * comment heading) proposes candidate threads with their evidence, without claiming any part of the page; one
 * judge weighs each candidate's evidence with the weights below and vetoes what must never be detached; then
 * the accepted candidates are compared where they overlap, and only the chosen ones are detached. The audit
 * trail and `explain` say which won and why, and which lost ("14 comments moved to comments.items: li.comment
 * x14 (comments#markup), because named items 2, …; score 7.5; rejected: li x14 (comments#siblings) 4 lost to
 * comments#markup").
 *
 * A candidate is accepted when its score reaches MIN_SCORE and no guard vetoes it. Guards (each has a test in
 * test/comments-arbiter.test.ts):
 *   - `headline`: a section that holds the page's `<h1>` outside its items holds the article.
 *   - `article-sections`: items that fill the article's body container with no comment cue (a CMS's content
 *     blocks with ids like TYPO3's `c123456`) are the article's sections.
 *   - `weak`: nothing but the items' repetition says they are comments (score under MIN_SCORE).
 * A rule's selectors are trusted: only `headline` applies to them, and the generic finders do not re-read a
 * rule's accepted thread (detach.ts, findCandidates).
 *
 * Overlaps (see `choose`): two accepted candidates overlap when a section element of one is, holds or lies in a
 * section element of the other. One that reads as several comments what the other reads as one wins whatever
 * the scores (the scores weigh shares of items, and one item holding a whole list has every cue at 1/1). Else
 * the one with the higher score wins when it leads by more than TIE_MARGIN;
 * otherwise the finder that comes first in FINDER_ORDER wins (the more specific evidence), and within one
 * finder the one found first. When one section holds the other whole, the outer section still leaves (it was
 * accepted, so it holds nothing but comments and their controls) with the winner's comments, plus the loser's
 * comments that are neither the winner's nor inside or around them.
 */
import { hasDate } from '../dates.js';
import { COMMENT_NAME_RE, ITEM_ID_RE } from './cues.js';
import { attrsOf, collapse, headText, queryAll, tagOf, textLength, withinSet } from './dom.js';
import { isCommentNamed } from './names.js';
import type { Page } from './page.js';
import { cuesOf, DIGIT, fillsArticleBody, siblingSignature, topLevel, type Item } from './threads.js';
import { alt, commentPatterns } from './words.js';

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

/**
 * Who wins a tie, first to last: a rule (people read the site's markup), markup named like single comments,
 * repeated siblings in a container named for comments, a flat run cut by meta lines, a run after a comment
 * heading, loose siblings anywhere that carry an author and a date. Also the order the finders run in.
 */
export const FINDER_ORDER: readonly Finder[] = ['rule', 'markup', 'siblings', 'flat', 'heading-run', 'loose'];

/**
 * A score lead at most this large is a tie between overlapping candidates: the weights are coarse (a heading is
 * 1.5, repetition 0.5), and a lead of one repetition or one sampled cue is noise, not better evidence.
 */
export const TIE_MARGIN = 0.5;

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

let headingLead: RegExp | undefined;

/** Code points of a heading word that a line's first text must agree with before the line is read whole. */
const LEAD_LENGTH = 4;

/**
 * How a comment heading's text can begin (isCommentHeadingText): a digit, or the first letters of a heading word
 * or a noun, under the same case folding; text that ends before them may go on in the next text node, so it
 * passes too. Sticky: set `lastIndex` to a text node's first letter. Tested on the first text node, it rules out
 * most lines of a page before their text is read.
 */
export function commentHeadingLead(): RegExp {
  if (!headingLead) {
    const { headings, nouns } = commentPatterns().words;
    const words = [...headings, ...nouns];
    // A word's first letters, each after the one before it, or the end of the text ("co" may go on as "mments").
    const lead = (cps: string[]): string => (cps.length ? `${alt([cps[0]!])}(?:$|${lead(cps.slice(1))})` : '');
    const leads = [...new Set(words.map((w) => lead([...w].slice(0, LEAD_LENGTH))))];
    // An empty word would let a heading begin with anything.
    headingLead = words.includes('') ? /(?:)/y : new RegExp(`\\d|${leads.join('|')}`, 'iuy');
  }
  return headingLead;
}

const HEADING_LIKE_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'B', 'STRONG', 'P', 'DIV', 'SPAN', 'LEGEND', 'CAPTION']);
/** A comment heading is short. */
const MAX_HEADING_TEXT = 80;
/** Text of an element before a thread past which no heading is looked for further back. */
const MAX_BEFORE_TEXT = 200;

/** A short block that reads as a comment heading: a heading element, or a bold or caption line. */
function headingLike(page: Page, el: Element): string | undefined {
  if (!HEADING_LIKE_TAGS.has(tagOf(el))) return undefined;
  // Measured before the text is built: the elements asked include whole threads.
  const length = page.textLengthUpTo(el, MAX_HEADING_TEXT);
  if (!length || length > MAX_HEADING_TEXT) return undefined;
  const text = collapse(el.textContent ?? '');
  return isCommentHeadingText(text) ? text : undefined;
}

/** Elements that head a section (or a table, or a fieldset) inside it. */
const SECTION_HEADING_TAGS = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'CAPTION', 'LEGEND'] as const;

/** The comment heading just before the thread's first element (up to three elements back, two levels up), or first inside its section. */
function headingOver(page: Page, roots: Element[], items: Item[]): string | undefined {
  const first = page.first([...roots, ...items.flatMap((i) => i.parts)]);
  if (!first) return undefined;
  for (const root of roots) {
    const own = headingLike(page, root);
    if (own) return own;
    for (const h of page.under(root, SECTION_HEADING_TAGS)) {
      const t = headingLike(page, h);
      if (t) return t;
    }
  }
  let from: Element | null = first;
  for (let up = 0; up < 3 && from; up++) {
    let s = from.previousElementSibling;
    for (let n = 0; s && n < 3; n++, s = s.previousElementSibling) {
      // The text's length up to MAX_BEFORE_TEXT: exact when at most that, more than it otherwise.
      const length = page.textLengthUpTo(s, MAX_BEFORE_TEXT);
      const t = headingLike(page, s) ?? (length <= MAX_HEADING_TEXT ? queryAll(s, 'h1,h2,h3,h4,h5,h6,b,strong').map((h) => headingLike(page, h)).find(Boolean) : undefined);
      if (t) return t;
      if (length > MAX_BEFORE_TEXT) break;
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

/** Elements a comment prints its meta line in. */
const META_LINE_TAGS = new Set(['P', 'DIV', 'SPAN', 'SMALL', 'FOOTER', 'HEADER', 'DT', 'TD', 'EM', 'I', 'FONT']);

/** A comment part longer than this is not searched for a meta line inside. */
const MAX_META_SEARCH = 3000;

/**
 * Whether a part of a comment is or holds a meta line ("posted on October 24, 2012 at 7:26 PM by Darren"). Kept
 * by the page: the same comments are proposed by several finders, and each element's answer is shared.
 */
function carriesMetaLine(p: Element, page: Page): boolean {
  if (cuesOf.metaLine(page, p)) return true;
  // Counted whole and kept: the sections' checks weigh the same comments.
  return page.textLength(p) <= MAX_META_SEARCH && withDigits(p).some((d) => META_LINE_TAGS.has(tagOf(d)) && cuesOf.metaLine(page, d));
}

/**
 * The elements under `root` (not `root` itself) whose text holds a digit: only they can be meta lines, as every
 * date has a digit (dates.ts). One walk of the comment; the names and "Reply" links it holds are never read.
 */
function withDigits(root: Element): Element[] {
  const out = new Set<Element>();
  let cur: Node | null = root.firstChild;
  while (cur) {
    if (cur.nodeType === 1 && cur.firstChild) {
      cur = cur.firstChild;
      continue;
    }
    if (cur.nodeType !== 1 && DIGIT.test(cur.nodeValue ?? '')) {
      for (let e = cur.parentElement; e && e !== root && !out.has(e); e = e.parentElement) out.add(e);
    }
    while (cur !== root && !cur.nextSibling) cur = cur.parentNode!;
    if (cur === root) break;
    cur = cur.nextSibling;
  }
  return [...out];
}

/** Whether a comment carries both an author and a date: a meta line, or a date near its top and an author cue. */
function authorAndDate(page: Page, it: Item): boolean {
  const [only] = it.parts;
  // The date and author first: often read already (the siblings finder asks them), and a meta line is searched
  // for only when they do not say it.
  if (only && it.parts.length === 1) return (cuesOf.date(page, only) && cuesOf.author(page, only)) || page.fact(carriesMetaLine, only);
  if (it.parts.some((p) => page.fact(carriesMetaLine, p))) return true;
  const head = it.parts.map((p) => headText(p, 400)).join(' ');
  return (hasDate(head) || it.parts.some((p) => cuesOf.time(page, p))) && it.parts.some((p) => cuesOf.author(page, p));
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
  const cuedSample = sampled.filter((it) => authorAndDate(page, it)).length;
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
function holdsHeadline(page: Page, roots: Element[], items: Item[]): boolean {
  const itemEls = new Set(items.flatMap((i) => i.parts));
  return roots.some((r) => (tagOf(r) === 'H1' && !itemEls.has(r)) || page.under(r, ['H1']).some((h) => !withinSet(h, itemEls)));
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
  if (holdsHeadline(page, roots, items)) return veto('headline');
  if (finder !== 'rule') {
    if (fillsArticleBody(page, items)) return veto('article-sections');
    if (score < MIN_SCORE) return veto('weak');
  }
  return { accepted: true, score, because: `${reasons}; score ${score}`, evidence: ev };
}

/** A thread a finder proposes, with the arbiter's verdict on it. */
export interface Candidate {
  finder: Finder;
  /** The name the audit trail gives it: `<rule id>#comments`, `comments#markup`, … */
  rule: string;
  items: Item[];
  /** The section to detach (see Thread.roots). */
  roots: Element[];
  provider?: string;
  /** Elements a finder made to hold loose text (runs.ts): undone unless the candidate is chosen. */
  wrappers?: Element[];
  verdict: Verdict;
}

/** A candidate the arbiter left, and why: its guard, or the candidate it lost to. */
export interface Rejected {
  candidate: Candidate;
  why: string;
}

/** The elements and all their ancestors: asking whether an element holds one of them is one lookup. */
function withAncestors(els: Element[]): Set<Element> {
  const out = new Set<Element>();
  for (const el of els) for (let e: Element | null = el; e && !out.has(e); e = e.parentElement) out.add(e);
  return out;
}

/** Whether an element of `a` is, holds or lies in an element of `b` (linear: a thread's sections may be its 20,000 comments). */
export function overlaps(a: Element[], b: Element[]): boolean {
  const up = withAncestors(a);
  const set = new Set(a);
  return b.some((y) => up.has(y) || withinSet(y, set));
}

/** Whether every section element of `inner` lies in one of `outer`'s. */
function holdsAll(outer: Element[], inner: Element[]): boolean {
  const set = new Set(outer);
  return inner.every((y) => withinSet(y, set));
}

/**
 * Whether `fine` reads as several comments what `coarse` reads as one: `coarse` glued sibling elements into one
 * comment (a run cut by one meta line around a list of named comments), and each of them is one of `fine`'s
 * comments. Paragraphs inside one comment are not comments: only `fine`'s items that are `coarse`'s parts count.
 */
function splits(fine: Candidate, coarse: Candidate): boolean {
  const itemOf = new Map<Element, Item>();
  for (const it of coarse.items) if (it.parts.length > 1) for (const p of it.parts) itemOf.set(p, it);
  if (!itemOf.size) return false;
  const holders = new Set<Item>();
  let inside = 0;
  for (const it of fine.items) {
    const holder = itemOf.get(it.el);
    if (!holder) continue;
    holders.add(holder);
    inside++;
  }
  return inside >= 2 && inside > holders.size;
}

/** Why `a` wins over an overlapping `b`, or undefined when it does not (see the tie rules at the top). */
function winsOver(a: Candidate, b: Candidate, rank: Map<Candidate, number>): string | undefined {
  if (splits(a, b)) return 'it reads one of these as several comments';
  if (splits(b, a)) return undefined;
  const d = a.verdict.score - b.verdict.score;
  if (Math.abs(d) > TIE_MARGIN) return d > 0 ? 'higher score' : undefined;
  const fa = FINDER_ORDER.indexOf(a.finder);
  const fb = FINDER_ORDER.indexOf(b.finder);
  if (fa !== fb) return fa < fb ? 'a tie, its finder first' : undefined;
  return rank.get(a)! < rank.get(b)! ? 'a tie, found first' : undefined;
}

/** The loser's comments that are neither the winner's nor inside or around one of them. */
function extraItems(winner: Item[], loser: Item[]): Item[] {
  const parts = winner.flatMap((i) => i.parts);
  const up = withAncestors(parts);
  const set = new Set(parts);
  return loser.filter((it) => !it.parts.some((p) => up.has(p) || withinSet(p, set)));
}

/**
 * Chooses among the candidates (in the order they were found): the accepted ones that win every overlap. The
 * chosen keep their verdict; a chosen one whose section holds a loser's takes the loser's extra comments, and
 * an outer loser's section.
 */
export function choose(candidates: Candidate[]): { chosen: Candidate[]; rejected: Rejected[] } {
  const rank = new Map(candidates.map((c, i) => [c, i]));
  const rejected: Rejected[] = [];
  let chosen: Candidate[] = [];
  for (const c of candidates) {
    if (!c.verdict.accepted) {
      rejected.push({ candidate: c, why: c.verdict.because.replace(/:.*$/, '') });
      continue;
    }
    const rivals = chosen.filter((k) => overlaps(k.roots, c.roots));
    const winner = rivals.find((k) => !winsOver(c, k, rank));
    if (winner) {
      rejected.push({ candidate: c, why: `lost to ${winner.rule} ${winner.verdict.score} (${winsOver(winner, c, rank) ?? 'a tie'})` });
      absorb(winner, c);
      continue;
    }
    let won = c;
    for (const k of rivals) {
      rejected.push({ candidate: k, why: `lost to ${c.rule} ${c.verdict.score} (${winsOver(c, k, rank)})` });
      won = absorb(won, k);
    }
    chosen = [...chosen.filter((k) => !rivals.includes(k)), won];
  }
  return { chosen, rejected };
}

/** The winner with what it takes from a nested loser: its extra comments, and its section when that holds the winner's. */
function absorb(winner: Candidate, loser: Candidate): Candidate {
  const inner = holdsAll(winner.roots, loser.roots);
  const outer = holdsAll(loser.roots, winner.roots);
  if (!inner && !outer) return winner;
  const extra = extraItems(winner.items, loser.items);
  if (extra.length) winner.items = [...winner.items, ...extra];
  if (outer && !inner) winner.roots = loser.roots;
  // Loose text the loser wrapped stays wrapped: it leaves with the section, or is one of the comments taken.
  if (loser.wrappers?.length) winner.wrappers = [...(winner.wrappers ?? []), ...loser.wrappers];
  loser.wrappers = [];
  winner.provider ??= loser.provider;
  return winner;
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
