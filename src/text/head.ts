/**
 * The head of a plain-text capture: a short first line is the headline, a lone section word above it is
 * the section ("World", "Local News"). Byline blocks are read by the byline module (src/bylines.ts).
 */
import type { Block } from './blocks.js';
import { wordsOf } from '../words.js';

/** Longest headline, in words and characters. */
const TITLE_MAX_WORDS = 30;
const TITLE_MAX_CHARS = 220;
/** Longest section label. */
const SECTION_MAX_WORDS = 3;
const SECTION_MAX_CHARS = 30;

export interface Head {
  title?: Block;
  section?: Block;
}

/** Headline and section among the first blocks, when the capture starts with them. */
export function findHead(blocks: Block[]): Head {
  const [a, b] = blocks;
  if (!a || !b) return {};
  if (isSectionLabel(a) && isHeadline(b, blocks[2])) return { section: a, title: b };
  if (isHeadline(a, b)) return { title: a };
  return {};
}

function isHeadline(block: Block, next: Block | undefined): boolean {
  if (!next) return false;
  const t = block.text;
  if (t.includes('\n') || t.length > TITLE_MAX_CHARS) return false;
  const words = wordsOf(t).length;
  if (words < 2 || words > TITLE_MAX_WORDS) return false;
  // Headlines do not end like a sentence with a period, trail off with a comma, colon or ellipsis (a teaser does).
  if (/[.,;:…]$/.test(t)) return false;
  if (!/^[\p{Lu}\p{N}"“‘'(]/u.test(t)) return false;
  // Two sentences are a paragraph, not a headline ("U.S. eyes" is fine: the period follows a capital).
  if (/\p{Ll}{2,}[.!?]\s+\p{Lu}/u.test(t)) return false;
  // The body after a headline is longer than it.
  return wordsOf(next.text).length > words || next.text.length > t.length;
}

function isSectionLabel(block: Block): boolean {
  const t = block.text;
  if (t.length > SECTION_MAX_CHARS || /[.!?,;:"“”\d]/.test(t)) return false;
  const words = wordsOf(t);
  return words.length >= 1 && words.length <= SECTION_MAX_WORDS && /^\p{Lu}/u.test(t);
}
