/**
 * The plain-text path: a capture that is already text (no markup) becomes the article body, its
 * metadata, and the reader comments appended to it. The steps, in order:
 *
 * 1. split into blocks (blank-line paragraphs, or one paragraph per line);
 * 2. take out prompts, notices, bios and promo blocks (phrase rules, author box, comments heading) —
 *    first, so that none of them is mistaken for a headline or a comment;
 * 3. split off reader comments appended after the article's end;
 * 4. read datelines and bylines into published/modified/authors (src/bylines.ts), from the article's blocks and
 *    from those step 2 took out above the comments;
 * 5. take the headline (and a section label above it) from the top;
 * 6. keep one copy of paragraphs repeated after an interstitial (src/duplicates.ts, near copies included).
 */
import { preview } from '../context.js';
import type { PhraseMatcher } from '../rules/phrases.js';
import type { RuleFile } from '../rules/types.js';
import type { Comment, Comments, Removal } from '../types.js';
import { splitBlocks, type Block } from './blocks.js';
import { removeBoilerplate, type BlockRemoval } from './boilerplate.js';
import { splitAppendedComments, toComments } from './comments.js';
import { readDateline } from './dateline.js';
import { findHead } from './head.js';
import { personNames, readBylineBlock } from '../bylines.js';
import type { Vocabulary } from '../rules/vocabulary.js';
import { findRepeats } from '../duplicates.js';

export { splitBlocks, type Block } from './blocks.js';
export { readDateline, type Dateline } from './dateline.js';
export { commentScore, splitAppendedComments } from './comments.js';

export interface TextContext {
  /** The rules that apply to this capture (generic, matched platforms, the outlet), in layer order. */
  rules: RuleFile[];
  /** Phrase rules of the capture's languages plus the applied rules' `remove[].phrases`. */
  phrases: PhraseMatcher;
  /** Byline heads of the phrase files (src/rules/vocabulary.ts). */
  vocabulary: Vocabulary;
}

export interface TextResult {
  title?: string;
  section?: string;
  published?: string;
  modified?: string;
  authors: string[];
  /** The body: paragraphs separated by one blank line. */
  text: string;
  paragraphs: string[];
  comments: Comments;
  removed: Removal[];
  warnings: string[];
}

/** Only the first blocks can be a byline. */
const BYLINE_WINDOW = 6;

/** Cleans a plain-text capture. */
export function cleanTextPage(text: string, ctx: TextContext): TextResult {
  const removals: BlockRemoval[] = [];
  const drop = (blocks: Block[], gone: Set<Block>) => blocks.filter((b) => !gone.has(b));

  // 1-2. Blocks, without boilerplate.
  const boiler = removeBoilerplate(splitBlocks(text), ctx.phrases, ctx.rules);
  removals.push(...boiler.removed);
  const blocks = boiler.kept;

  // 3. Reader comments: after a comments heading, else after the point where the voice turns to comments.
  let article: Block[];
  let commentBlocks: Block[];
  let cue: string | undefined;
  if (boiler.commentsFrom !== undefined) {
    const from = boiler.commentsFrom;
    article = blocks.filter((b) => b.index < from);
    commentBlocks = blocks.filter((b) => b.index > from);
    cue = 'heading';
  } else {
    const split = splitAppendedComments(blocks);
    article = split.article;
    commentBlocks = split.comments;
    cue = split.cue;
  }

  // 4. Datelines and bylines, in the article only (a comment's date is not the page's). A block the phrase lists
  // took out can still be one ("Von Anna Schmidt" and "Veröffentlicht am 3. Juni" are German phrases): its names
  // and dates are read, and its removal stands.
  let published: string | undefined;
  let modified: string | undefined;
  const authors: string[] = [];
  const meta = new Set<Block>();
  const commentsStart = Math.min(boiler.commentsFrom ?? Infinity, commentBlocks[0]?.index ?? Infinity);
  const removedBefore = new Set(boiler.removed.map((r) => r.block).filter((b) => b.index < commentsStart));
  const top = [...article, ...removedBefore].sort((a, b) => a.index - b.index);
  let kept = 0;
  for (const block of top) {
    const removed = removedBefore.has(block);
    // The byline window counts the article's blocks only, as if the removed ones were not there.
    const position = removed ? kept : kept++;
    const dateline = readDateline(block.text, ctx.vocabulary);
    const names = dateline ? undefined : position < BYLINE_WINDOW ? readBylineBlock(block.text, ctx.vocabulary) : undefined;
    if (dateline) {
      published ??= dateline.published;
      modified ??= dateline.modified;
      if (dateline.byline) authors.push(...(personNames(dateline.byline) ?? []));
    } else if (names) authors.push(...names);
    if (removed || (!dateline && !names)) continue;
    removals.push(dateline ? { block, category: 'dateline', rule: 'text#dateline' } : { block, category: 'byline', rule: 'text#byline' });
    meta.add(block);
  }
  article = drop(article, meta);

  // 5. Headline and section.
  const head = findHead(article);
  if (head.section) removals.push({ block: head.section, category: 'navigation', rule: 'text#section' });
  if (head.title) removals.push({ block: head.title, category: 'title', rule: 'text#title' });
  article = drop(article, new Set([head.section, head.title].filter((b): b is Block => b !== undefined)));

  // 6. One copy of repeated paragraphs.
  const repeats = findRepeats(article, { near: true });
  const repeated = new Set<Block>();
  for (const r of repeats) {
    if (repeated.has(r.block) || repeated.has(r.of)) continue;
    repeated.add(r.block);
    removals.push({ block: r.block, category: 'duplicate', rule: 'text#duplicate' });
  }
  article = drop(article, repeated);

  const items: Comment[] = toComments(commentBlocks);
  const removed: Removal[] = removals
    .sort((a, b) => a.block.index - b.block.index)
    .map((r) => ({ category: r.category, rule: r.rule, text: preview(r.block.text), ...(r.selector ? { selector: r.selector } : {}) }));
  if (items.length) {
    removed.push({
      category: 'comments',
      rule: 'text#comments',
      text: preview(items.map((c) => c.text).join(' ')),
      selector: `${items.length} reader comment${items.length === 1 ? '' : 's'} after the article (${cue})`,
    });
  }

  const provider = ctx.rules.find((r) => r.comments?.provider)?.comments?.provider;
  const status = items.length ? 'present' : boiler.commentsGated ? 'gated' : 'none';
  const comments: Comments = { status, ...(provider && status !== 'none' ? { provider } : {}), items };

  const paragraphs = article.map((b) => b.text);
  const warnings: string[] = [];
  if (!paragraphs.length) warnings.push('no article text left after cleaning');

  return {
    ...(head.title ? { title: head.title.text } : {}),
    ...(head.section ? { section: head.section.text } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    authors: [...new Set(authors)],
    text: paragraphs.join('\n\n'),
    paragraphs,
    comments,
    removed,
    warnings,
  };
}
