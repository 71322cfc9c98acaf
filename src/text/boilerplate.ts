/**
 * Prompts, notices, bios and promo blocks of a text capture. Most are recognised by wording (the phrase
 * rules: a short block made mostly of known phrases); two need the block's neighbours: an author box
 * ("About Jane Doe" / "View All Posts" followed by the bio paragraph) and a comments heading.
 */
import { normaliseForMatch, type PhraseMatcher } from '../rules/phrases.js';
import type { RuleFile } from '../rules/types.js';
import type { Category } from '../types.js';
import type { Block } from './blocks.js';
import { wordsOf } from '../words.js';
import { isCommentsHeading } from './comments.js';

export interface BlockRemoval {
  block: Block;
  category: Category;
  rule: string;
  selector?: string;
}

export interface BoilerplateResult {
  kept: Block[];
  removed: BlockRemoval[];
  /** Index (in the capture) of a comments heading: what follows it is the comment section. */
  commentsFrom?: number;
  /** A notice said comments are for subscribers or logged-in readers only. */
  commentsGated: boolean;
}

/** "About Jane Doe", "About the author", optionally with the author box's "View all posts" link text. */
const BIO_HEADING = /^[Aa]bout (?:the [Aa]uthors?|(\p{Lu}[\p{L}.'’-]*(?:\s+[\p{Lu}\p{Ll}][\p{L}.'’-]*){0,5}?))(?:\s*[|·•-]?\s*[Vv]iew [Aa]ll (?:[Pp]osts|[Aa]rticles|[Ss]tories)(?: [Bb]y .+)?)?\s*$/u;
const VIEW_ALL = /view all (?:posts|articles|stories)/i;
/** How a bio introduces its subject. */
const BIO_WORDS = /\b(?:is|was|has been|serves as|joined)\b[^.]{0,120}\b(?:writer|journalist|reporter|editor|correspondent|author|columnist|contributor|producer|photographer|analyst|veteran|founder|freelancer?|collective|team|staff|host|expert)s?\b/i;
/** A bio is a paragraph, not an essay. */
const BIO_MAX_WORDS = 120;
/** A notice that comments need a subscription, an account or a login. */
const COMMENTS_WORD = /\bcomment/i;
const GATE_WORD = /\b(?:subscri\w*|log\s?-?in|logged in|sign\s?-?in|signed in|register\w*|members?|account)\b/i;
/** Longer than any block of MAX_BLOCK_WORDS (80) words. */
const PHRASE_MAX_CHARS = 2000;
/** Gate notices are short. */
const NOTICE_MAX_WORDS = 60;
/** An "About the author" heading has at most this many words. */
const BIO_HEADING_MAX_WORDS = 14;
/** A comments heading opens the comments only below this much article: blocks, and words in them. */
const ARTICLE_ABOVE_COMMENTS_BLOCKS = 3;
const ARTICLE_ABOVE_COMMENTS_WORDS = 80;

const REMOVES_COMMENTS_NOTICE = new Set<Category>(['paywall', 'subscribe', 'login', 'comments-ui', 'comments']);

/** Takes out prompts, notices, bios and promo blocks; reports where a comment section starts. */
export function removeBoilerplate(blocks: Block[], phrases: PhraseMatcher, rules: RuleFile[]): BoilerplateResult {
  const gated = rules.flatMap((r) => (r.comments?.gated ?? []).map((p) => ({ phrase: normaliseForMatch(p), rule: r.id })));
  const kept: Block[] = [];
  const removed: BlockRemoval[] = [];
  let commentsFrom: number | undefined;
  let commentsGated = false;

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const text = block.text;
    const words = wordsOf(text).length;

    const gate = words <= NOTICE_MAX_WORDS ? gated.find((g) => normaliseForMatch(text).includes(g.phrase)) : undefined;
    if (gate) {
      removed.push({ block, category: 'comments-ui', rule: `${gate.rule}#comments`, selector: gate.phrase });
      commentsGated = true;
      continue;
    }

    const bio = BIO_HEADING.exec(text);
    if (bio && words <= BIO_HEADING_MAX_WORDS) {
      const next = blocks[i + 1];
      const subject = bio[1];
      const nextIsBio = next !== undefined && isBio(next.text, subject);
      // A heading like "About the study" stays unless a bio follows it or it carries the author box's link.
      if (nextIsBio || VIEW_ALL.test(text)) {
        removed.push({ block, category: 'author-bio', rule: 'text#author-bio' });
        if (nextIsBio) {
          removed.push({ block: next!, category: 'author-bio', rule: 'text#author-bio' });
          i++;
        }
        continue;
      }
    }

    if (isCommentsHeading(text)) {
      removed.push({ block, category: 'comments-ui', rule: 'text#comments-heading' });
      // A comments link in the page chrome above the article does not open the comment section.
      if (kept.length >= ARTICLE_ABOVE_COMMENTS_BLOCKS && kept.reduce((n, b) => n + wordsOf(b.text).length, 0) >= ARTICLE_ABOVE_COMMENTS_WORDS) commentsFrom ??= block.index;
      continue;
    }

    // Phrase rules never remove a block this long; skip the scan.
    const hit = text.length <= PHRASE_MAX_CHARS ? phrases.match(text) : undefined;
    if (hit) {
      removed.push({ block, category: hit.category, rule: hit.rule, selector: hit.phrase });
      if (REMOVES_COMMENTS_NOTICE.has(hit.category) && COMMENTS_WORD.test(text) && GATE_WORD.test(text)) commentsGated = true;
      continue;
    }

    kept.push(block);
  }
  return { kept, removed, commentsFrom, commentsGated };
}

/** A short paragraph that introduces the person or team named in the heading. */
function isBio(text: string, subject: string | undefined): boolean {
  if (wordsOf(text).length > BIO_MAX_WORDS) return false;
  if (subject) {
    const names = subject.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    if (names.length && names.every((n) => text.includes(n)) && /^\s*(?:the\s+)?\p{Lu}/u.test(text)) return true;
  }
  return BIO_WORDS.test(text) && /^(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}\s+(?:is|was|has|joined|serves|covers|writes|reports)\b/u.test(text);
}
