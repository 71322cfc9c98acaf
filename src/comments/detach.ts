/**
 * Detaching the comment section: runs right after the page is parsed and its rules matched, before any
 * boilerplate stripping or content scoring, so the thread can neither leak into the body nor be chosen as it.
 *
 * 1. Find threads: every finder (rule selectors of the outlet and the platform, markup named like comments,
 *    repeated siblings in containers named for comments, flat runs, runs after a comment heading, loose
 *    siblings) proposes candidates; the arbiter judges each and chooses among overlapping ones (arbiter.ts).
 * 2. Read each thread into comments (page order, replies nested through parentId/depth).
 * 3. Detach each thread's section with the headings, forms and controls around it; record every removal.
 * 4. With no comments on the page: an embed or vendor script means `external`, a section that only asks the
 *    reader to log in or subscribe means `gated`; JSON-LD comments still count as `present`.
 */
import { preview, type PageContext } from '../context.js';
import type { CommentRule, RuleFile } from '../rules/types.js';
import type { Comment, Comments } from '../types.js';
import { attrsOf, collapse, ownTextSizeUpTo, queryAll, removeNode, tagOf, textLength, textLengthUpTo, withAttrCache, withinSet } from './dom.js';
import { isUiOnly, readComments } from './fields.js';
import { commentsFromJsonLd } from './structured.js';
import { flatThreads } from './flat.js';
import { headingRuns, unwrap } from './runs.js';
import { inWidget, isCommentNamed } from './names.js';
import { RuleMatches } from './matches.js';
import { choose, isThreadPage, overlaps, judge, type Candidate, type Finder, type Rejected } from './arbiter.js';
import { commentPatterns } from './words.js';
import { Page } from './page.js';
import {
  holdsOnlyComments,
  topLevel,
  itemsByMarkup,
  itemsBySelector,
  itemsBySiblings,
  sectionOf,
  type Item,
  type Thread,
} from './threads.js';

/** A comment-named block longer than this is not just a prompt or a control. */
const MAX_UI_TEXT = 400;
/** A section that only asks to log in or subscribe is short. */
const MAX_GATED_TEXT = 800;
/** Containers smaller than this cannot hold a thread worth looking for by siblings. */
const MIN_SIBLING_SCOPE_TEXT = 80;

interface RuleComments {
  rule: RuleFile;
  comments: CommentRule;
}

/** The comment rules that apply, outlet first (the most specific layer decides). */
function commentRules(ctx: PageContext): RuleComments[] {
  return ctx.rules
    .filter((r) => r.comments && !ctx.disabled.has(`${r.id}#comments`))
    .map((r) => ({ rule: r, comments: r.comments! }))
    .reverse();
}

function describe(el: Element): string {
  const { id, cls: classes } = attrsOf(el);
  const cls = classes.trim().split(/\s+/).filter(Boolean).slice(0, 2);
  return `${tagOf(el).toLowerCase()}${id ? `#${id}` : ''}${cls.map((c) => `.${c}`).join('')}`;
}

/**
 * Every finder's candidates, in FINDER_ORDER, each judged on the page as it is (arbiter.ts). No generic finder
 * claims a part of the page against another: overlapping candidates are compared by `choose`. A finder only
 * skips what its own accepted candidates hold (one thread is not proposed twice by the same reading), the
 * siblings finder skips containers inside another candidate's comment (a reply list is part of its comment),
 * and none re-reads a thread that a rule's selectors found and the arbiter accepted: people who read the site's
 * markup named it (the rule weight outweighs a generic reading of the same elements), and re-reading a
 * thousand-deep thread would cost more than the rest of the cleaning.
 * `loose` proposes one group per page, so it looks outside the accepted candidates, where the others saw none.
 * The only change to the page is heading-run's wrappers around loose text (runs.ts), undone unless chosen.
 */
function findCandidates(ctx: PageContext, page: Page, found: RuleMatches): Candidate[] {
  const out: Candidate[] = [];
  // Sets kept as candidates come, so each question is a walk up from one element, whatever a thread's size.
  const acceptedBy = new Map<Finder, Set<Element>>();
  const acceptedAll = new Set<Element>();
  const itemParts = new Set<Element>();
  const accepted = (finder: Finder) => acceptedBy.get(finder) ?? new Set<Element>();
  const propose = (items: Item[], roots: Element[] | undefined, rule: string, provider?: string, wrappers?: Element[]): boolean => {
    const finder = finderOf(rule);
    if (!roots?.length || !items.length || roots.some((r) => withinSet(r, accepted(finder)))) return false;
    if (finder !== 'rule' && roots.some((r) => withinSet(r, accepted('rule')))) return false;
    const verdict = judge(page, finder, items, roots);
    const byEl = new Map(items.map((it) => [it.el, it]));
    out.push({ finder, rule, items: page.sorted(byEl.keys()).map((el) => byEl.get(el)!), roots, provider, wrappers, verdict });
    for (const it of items) for (const p of it.parts) itemParts.add(p);
    if (verdict.accepted) {
      if (!acceptedBy.has(finder)) acceptedBy.set(finder, new Set());
      for (const r of roots) {
        acceptedBy.get(finder)!.add(r);
        acceptedAll.add(r);
      }
    }
    return verdict.accepted;
  };
  const sectionRoots = (items: Item[], start?: Element) => {
    const root = sectionOf(page, items, start);
    return root ? [root] : interleavedRoots(page, items);
  };

  for (const { rule, comments } of commentRules(ctx)) {
    const name = `${rule.id}#comments`;
    const containers = (comments.container ?? []).flatMap((sel) => found.under(page.body, sel)).filter((c) => !withinSet(c, accepted('rule')));
    // A rule without a container looks for its items on the whole page; without items either, it only names
    // the provider, the embeds and the gated phrases.
    const scopes = comments.container?.length ? containers : comments.item ? [page.body] : [];
    for (const scope of scopes) {
      if (withinSet(scope, accepted('rule'))) continue;
      const groups = comments.item ? [itemsBySelector(scope, comments.item)] : itemsByMarkup(page, scope, [...accepted('rule')]);
      if (!comments.item && groups.length === 0 && scope !== page.body) {
        const siblings = itemsBySiblings(page, scope);
        if (siblings) groups.push(siblings);
      }
      for (const items of groups) {
        const fresh = items.filter((it) => !withinSet(it.el, accepted('rule')));
        if (!fresh.length) continue;
        const start = scope !== page.body && holdsOnlyComments(page, scope, fresh) ? scope : undefined;
        propose(fresh, sectionRoots(fresh, start), name, comments.provider);
      }
    }
  }

  for (const items of itemsByMarkup(page, page.body, [...accepted('rule')])) {
    propose(items, sectionRoots(items), 'comments#markup', providerOf(ctx, found, items));
  }

  for (const scope of page.commentNamed()) {
    if (withinSet(scope, accepted('siblings')) || withinSet(scope, accepted('rule')) || (scope.parentElement && withinSet(scope.parentElement, itemParts))) continue;
    if (ownTextSizeUpTo(scope, (e) => tagOf(e) === 'FORM' || tagOf(e) === 'TEXTAREA', MIN_SIBLING_SCOPE_TEXT) < MIN_SIBLING_SCOPE_TEXT) continue;
    const items = itemsBySiblings(page, scope);
    if (!items || !holdsOnlyComments(page, scope, items)) continue;
    propose(items, sectionRoots(items, scope), 'comments#siblings', providerOf(ctx, found, items));
  }

  for (const flat of flatThreads(page)) propose(flat.items, flat.roots, 'comments#flat', providerOf(ctx, found, flat.items));

  // Old and hand-made markup: runs after a comment heading, cut by lists, rules, name-and-time lines or shape.
  const runs = headingRuns(page);
  // Only a run's wrappers change the page here: what was read of it (the survey, Page.fact) is read again after
  // they come, and after a run not proposed is unwrapped.
  if (runs.some((r) => r.wrappers.length)) page.invalidate();
  for (const run of runs) {
    propose(run.items, run.roots, 'comments#heading-run', providerOf(ctx, found, run.items), run.wrappers);
    if (run.wrappers.length && !out.some((c) => c.wrappers === run.wrappers)) {
      unwrap(run.wrappers);
      page.invalidate();
    }
  }

  // Unnamed threads: siblings that each carry an author, a date and text, anywhere on the page.
  const loose = itemsBySiblings(page, page.body, true, [...acceptedAll]);
  if (loose) propose(loose, sectionRoots(loose), 'comments#loose', providerOf(ctx, found, loose));
  return out;
}

/** How a candidate reads in the trail: its family, its finder and its score or veto. */
function named(c: Candidate): string {
  return `${c.verdict.evidence.family} (${c.rule}) ${c.verdict.score}`;
}

/** The most rejected candidates a thread's line names. */
const MAX_REJECTED_NAMED = 3;

/** The page's comment threads: every candidate found, the arbiter's choice among them (arbiter.ts `choose`). */
function findThreads(ctx: PageContext, page: Page, found: RuleMatches): { threads: Thread[]; turnedDown: string[] } {
  const candidates = findCandidates(ctx, page, found);
  const { chosen, rejected } = choose(candidates);
  const losers = rejected.filter((r) => r.candidate.wrappers?.length);
  for (const r of losers) unwrap(r.candidate.wrappers!);
  if (losers.length) page.invalidate();
  // Each rejected candidate is named on the line of the thread it overlaps, else on the first thread's.
  const home = (r: Rejected) => chosen.find((c) => overlapping(c, r.candidate)) ?? chosen[0];
  const threads = chosen.map((c): Thread => {
    const against = rejected.filter((r) => home(r) === c);
    const others = against.slice(0, MAX_REJECTED_NAMED).map((r) => `${named(r.candidate)} ${r.why}`);
    const more = against.length > MAX_REJECTED_NAMED ? ` and ${against.length - MAX_REJECTED_NAMED} more` : '';
    const because = `${c.verdict.evidence.family} (${c.rule}), because ${c.verdict.because}${others.length ? `; rejected: ${others.join(', ')}${more}` : ''}`;
    const byEl = new Map(c.items.map((it) => [it.el, it]));
    return { items: page.sorted(byEl.keys()).map((el) => byEl.get(el)!), roots: c.roots, rule: c.rule, provider: c.provider, because };
  });
  const byFirst = new Map(threads.map((t) => [page.sorted(t.roots)[0]!, t]));
  // With no thread taken, the candidates turned down are the evidence of "none".
  const turnedDown = chosen.length ? [] : rejected.slice(0, MAX_REJECTED_NAMED).map((r) => `rejected: ${named(r.candidate)} ${r.why}`);
  if (!chosen.length && rejected.length > MAX_REJECTED_NAMED) turnedDown.push(`and ${rejected.length - MAX_REJECTED_NAMED} more rejected`);
  return { threads: page.sorted(byFirst.keys()).map((r) => byFirst.get(r)!), turnedDown };
}

function overlapping(a: Candidate, b: Candidate): boolean {
  return overlaps(a.roots, b.roots);
}

/** The finder a rule name stands for. */
function finderOf(rule: string): Finder {
  if (!rule.startsWith('comments#')) return 'rule';
  const f = rule.slice('comments#'.length);
  return f === 'markup' || f === 'siblings' || f === 'flat' || f === 'heading-run' || f === 'loose' ? f : 'siblings';
}

/**
 * When no container holds the thread without the article (the comments are siblings of the article's
 * paragraphs), the comments' own elements are the section: the list that holds them if it holds nothing else,
 * else each comment.
 */
function interleavedRoots(page: Page, items: Item[]): Element[] {
  const tops = topLevel(items);
  const lists = new Set<Element>();
  for (const it of tops) if (it.parts[0]?.parentElement) lists.add(it.parts[0].parentElement);
  const ok = [...lists].filter((l) => holdsOnlyComments(page, l, items));
  if (ok.length === 1 && lists.size === 1) return ok;
  return tops.flatMap((it) => it.parts);
}

/** The comment system a generic thread belongs to, when a rule names it and its container holds the thread. */
function providerOf(ctx: PageContext, found: RuleMatches, items: Item[]): string | undefined {
  if (!items[0]) return undefined;
  for (const { comments } of commentRules(ctx)) {
    if (!comments.provider) continue;
    for (const sel of [...(comments.container ?? []), ...(comments.external ?? [])]) {
      for (const c of found.inDocument(sel)) if (c.contains(items[0].el)) return comments.provider;
    }
  }
  return undefined;
}

/**
 * Whether an element is a comment control: a form, a heading, a counter, a prompt. Beside a thread, any short
 * block named for comments is one; elsewhere (`strict`) only forms and the wording of controls count, so the
 * parts of a thread that was not recognised are never thrown away as controls.
 */
function isCommentUi(el: Element, page: Page, strict = false, text = collapse(el.textContent ?? '')): boolean {
  if (text.length > 2000) return false;
  // An element holding the article is no control. That test and the form test walk the element, and its text
  // says which of them decides; only the page root is asked about the article first, as that question reads the
  // page's article markers, which every later one then uses (Page.holdsArticle).
  const whole = el === page.body || el.contains(page.body);
  if (whole && page.holdsArticle(el)) return false;
  const article = () => !whole && page.holdsArticle(el);
  if (text && text.length <= MAX_UI_TEXT && readsAsUi(el, text, strict)) return !article();
  return hasCommentForm(el) && !article();
}

/** Whether a short text (and, beside a thread, an element named for comments) reads as a control or a prompt. */
function readsAsUi(el: Element, text: string, strict: boolean): boolean {
  const { counter, prompt } = commentPatterns();
  if (strict) return counter.test(text) ? text.length <= 40 : isUiOnly(text);
  if (counter.test(text) || (prompt.test(text) && text.length <= 200)) return true;
  return isCommentNamed(el) && text.length <= 200;
}

/** A form, or an element holding one, that is named for comments or holds something named so. */
function hasCommentForm(el: Element): boolean {
  const hasForm = tagOf(el) === 'FORM' || queryAll(el, 'form, textarea').length > 0;
  return hasForm && (isCommentNamed(el) || queryAll(el, '[id*="comment" i], [class*="comment" i], [name*="comment" i]').length > 0);
}

/** Most text an element between two comments has and still belongs to the thread (a meta line, a rule, a control). */
const MAX_BETWEEN_TEXT = 200;

/**
 * When a thread's comments are siblings in a container they share with other content, what sits between its
 * first and last comment belongs to it: meta lines, separators, reply links. Short elements only: a long one
 * between two comments is content nobody recognised, left for the body's scorer to weigh.
 */
function between(t: Thread, page: Page): Element[] {
  if (t.roots.length < 2) return [];
  const sorted = page.sorted(t.roots);
  const parent = sorted[0]!.parentElement;
  if (!parent || sorted.some((r) => r.parentElement !== parent)) return [];
  const roots = new Set(sorted);
  const out: Element[] = [];
  for (let s = sorted[0]!.nextElementSibling; s && s !== sorted[sorted.length - 1]; s = s.nextElementSibling) {
    if (roots.has(s) || page.holdsArticle(s) || queryAll(s, 'h1').length) continue;
    if (textLength(s) <= MAX_BETWEEN_TEXT) out.push(s);
  }
  return out;
}

/** Controls right before and after a thread's section (WordPress puts the heading and form beside the list). */
function neighbourUi(roots: Element[], page: Page): Element[] {
  const out: Element[] = [];
  const sorted = page.sorted(roots);
  for (const step of ['previousElementSibling', 'nextElementSibling'] as const) {
    const from = step === 'previousElementSibling' ? sorted[0]! : sorted[sorted.length - 1]!;
    for (let s = from[step]; s; s = s[step]) {
      if (roots.includes(s)) continue;
      const text = collapse(s.textContent ?? '');
      if (!text && !queryAll(s, 'form, textarea, iframe').length) continue;
      if (!isCommentUi(s, page, false, text)) break;
      out.push(s);
    }
  }
  return out;
}

/** Phrase hits that mean "log in / subscribe to comment" in an element where nobody can write a comment. */
function gatedHit(ctx: PageContext, el: Element, text: string, extra: string[]): boolean {
  if (!text || queryAll(el, 'textarea, [contenteditable="true"]').length) return false;
  const t = text.toLowerCase();
  if ([...commentPatterns().gated, ...extra].some((p) => t.includes(p.toLowerCase()))) return true;
  return ctx.phrases.find(text).some((h) => h.category === 'login' || h.category === 'subscribe');
}

export function detachComments(ctx: PageContext): Comments {
  return withAttrCache(() => detach(ctx));
}

function detach(ctx: PageContext): Comments {
  const doc = ctx.document;
  if (!doc?.documentElement) return { status: 'none', items: [] };
  const page = new Page(doc);
  const rules = commentRules(ctx);
  // Read before the threads leave: what is still on the page afterwards is checked for controls and prompts.
  const named = page.commentNamed();

  // 1-2. Find and read the threads before changing the page, so each guard sees the page whole.
  const found = new RuleMatches(doc, rules.flatMap(({ comments }) => [...(comments.container ?? []), ...(comments.external ?? [])]));
  const { threads, turnedDown } = findThreads(ctx, page, found);
  const items: Comment[] = [];
  const evidence: string[] = [];
  let provider: string | undefined;
  const removals: Array<{ el: Element; category: 'comments' | 'comments-ui'; rule: string; text: string }> = [];
  // A page whose posts are its content keeps its first post as the body (arbiter.ts, isThreadPage).
  const opening = threads.length === 1 ? isThreadPage(page, threads[0]!.items, threads[0]!.roots, finderOf(threads[0]!.rule)) : undefined;
  for (const t of threads) {
    const controls: string[] = [];
    const ruleComments = rules.find((r) => `${r.rule.id}#comments` === t.rule)?.comments;
    const read = readComments(opening ? t.items.filter((it) => it !== opening) : t.items, { rule: ruleComments, onControl: (c) => controls.push(c) });
    if (!read.length) continue;
    if (opening) {
      // The first post stays where the thread began; the section around it leaves with the replies.
      const at = page.sorted(t.roots)[0]!;
      if (t.roots.includes(opening.el)) t.roots = t.roots.filter((r) => !opening.parts.includes(r));
      else for (const p of opening.parts) at.parentNode?.insertBefore(p, at);
    }
    items.push(...read);
    evidence.push(t.because ?? t.rule);
    provider ??= t.provider;
    const [first] = t.roots;
    removals.push({ el: first!, category: 'comments', rule: t.rule, text: `${read.length} comments moved to comments.items: ${t.because ?? t.rule}` });
    for (const el of t.roots.slice(1)) removals.push({ el, category: 'comments', rule: t.rule, text: '' });
    // The controls inside the section go with it; they are listed so the audit trail says what else left.
    const itemEls = new Set(t.items.flatMap((i) => i.parts));
    for (const root of t.roots) {
      for (const el of queryAll(root, 'form, h1, h2, h3, h4, h5, h6')) {
        if (!withinSet(el, itemEls) && collapse(el.textContent ?? '')) removals.push({ el, category: 'comments-ui', rule: 'comments#ui', text: collapse(el.textContent ?? '') });
      }
    }
    if (controls.length) {
      const kinds = [...new Set(controls.map((c) => c.toLowerCase()))].slice(0, 4).join(', ');
      removals.push({ el: first!, category: 'comments-ui', rule: 'comments#ui', text: `${controls.length} controls in comments (${kinds})` });
    }
    for (const el of between(t, page)) removals.push({ el, category: 'comments-ui', rule: 'comments#between', text: '' });
    for (const el of neighbourUi(t.roots, page)) removals.push({ el, category: 'comments-ui', rule: 'comments#ui', text: collapse(el.textContent ?? '') || describe(el) });
  }

  // 3. Detach, recording each removal (a control inside a section is recorded but detached with it; the other
  // elements of a thread detached piece by piece are not recorded again).
  for (const r of removals) {
    // A thread's line carries its evidence: kept whole enough for `explain` to say why.
    if (r.text) ctx.removed.push({ category: r.category, rule: r.rule, text: preview(r.text, r.category === 'comments' ? 400 : undefined), selector: describe(r.el) });
    removeNode(r.el);
  }
  page.invalidate();

  // 4. What is left that belongs to comments: embeds, gated prompts, forms and counters.
  let external: string | undefined;
  let gated = false;
  for (const { rule, comments } of rules) {
    for (const sel of comments.external ?? []) {
      for (const el of found.inDocument(sel)) {
        if (!el.isConnected) continue;
        external ??= comments.provider ?? rule.id;
        ctx.removed.push({ category: 'comments-ui', rule: `${rule.id}#comments`, text: preview(`${comments.provider ?? rule.id} embed ${collapse(el.textContent ?? '')}`), selector: sel });
        if (textLength(el) <= MAX_UI_TEXT) removeNode(el);
      }
    }
    const scripts = rule.fingerprints?.scripts ?? [];
    if (scripts.length && ctx.scripts.some((s) => scripts.some((needle) => s.includes(needle)))) external ??= comments.provider ?? rule.id;
    for (const sel of comments.container ?? []) {
      for (const el of found.inDocument(sel)) {
        if (!el.isConnected || textLengthUpTo(el, MAX_GATED_TEXT) > MAX_GATED_TEXT) continue;
        const text = collapse(el.textContent ?? '');
        const isGated = gatedHit(ctx, el, text, comments.gated ?? []);
        if (isGated) gated = true;
        if (!isGated && !isCommentUi(el, page, false, text)) continue;
        ctx.removed.push({ category: 'comments-ui', rule: `${rule.id}#comments`, text: preview(text || describe(el)), selector: sel });
        removeNode(el);
      }
    }
  }
  const extraGated = rules.flatMap((r) => r.comments.gated ?? []);
  for (const el of named) {
    if (!el.isConnected || inWidget(el, page.body)) continue;
    // Measured before the text is built: a section named for comments may hold much of the page.
    if (textLengthUpTo(el, MAX_GATED_TEXT) > MAX_GATED_TEXT) continue;
    const text = collapse(el.textContent ?? '');
    const isGated = gatedHit(ctx, el, text, extraGated);
    if (!isGated && !isCommentUi(el, page, true, text)) continue;
    if (isGated) gated = true;
    ctx.removed.push({ category: 'comments-ui', rule: isGated ? 'comments#gated' : 'comments#ui', text: preview(text || describe(el)), selector: describe(el) });
    removeNode(el);
  }

  if (!items.length) {
    const fromJsonLd = commentsFromJsonLd(ctx.jsonLd);
    if (fromJsonLd.length) evidence.push(`the page's JSON-LD (${fromJsonLd.length} comments)`);
    items.push(...fromJsonLd);
  }
  if (!evidence.length) evidence.push(...turnedDown);
  const why = evidence.length ? { evidence } : {};
  if (items.length) return { status: 'present', ...(provider ? { provider } : {}), ...(opening ? { kind: 'thread' as const } : {}), ...why, items };
  if (external) return { status: 'external', provider: external, ...why, items: [] };
  if (gated) return { status: 'gated', ...why, items: [] };
  return { status: 'none', ...why, items: [] };
}
