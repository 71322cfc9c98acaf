/**
 * Repeated paragraphs, the one module for both paths. A metered page shows a teaser, then an interstitial
 * ("you've reached your limit"), then the whole article again from the top; pages and captures also repeat a
 * lede as a pull quote. A paragraph that repeats an earlier one is kept once: the first copy stays, except a
 * teaser cut short with an ellipsis, which gives way to the whole paragraph.
 *
 * Both paths hand in their paragraphs as items with a text (the text path's blocks, the HTML body's leaf
 * blocks) and take out the later copies `findRepeats` names. The text path also takes near copies (a teaser
 * re-typed with small edits); the HTML path takes exact copies only (see `RepeatOptions.near`).
 */
import { normaliseForMatch } from './rules/phrases.js';
import { wordsOf } from './words.js';

/** Paragraphs shorter than this are not compared (a short line can legitimately recur). */
const MIN_WORDS = 6;
/** Exact copies: paragraphs shorter than this many characters are not compared (short lines repeat legitimately). */
const MIN_EXACT_CHARS = 60;
/** Word-bigram similarity (Dice) from which two paragraphs count as the same. */
const SAME = 0.8;
/** Near copies differ in length by at most this ratio (shorter to longer). */
const MIN_LENGTH_RATIO = 0.6;
/** Words at each end of a paragraph by which earlier paragraphs are looked up. */
const KEY_WORDS = 3;
/** A teaser cut short with an ellipsis is the start of the whole paragraph: at least this many words of it. */
const MIN_CUT_WORDS = 5;

/** One paragraph, of either path. */
export interface Paragraph {
  text: string;
}

export interface Repeat<T extends Paragraph> {
  /** The copy that goes. */
  block: T;
  /** The copy that stays. */
  of: T;
}

export interface RepeatOptions {
  /**
   * Near copies too: word-bigram similarity of at least 0.8, and teasers cut short with an ellipsis (the text
   * path, where a capture re-types a teaser with small edits). Off, only copies equal after case and spacing
   * count: an HTML page's own markup separates its paragraphs, and two paragraphs that differ are two paragraphs.
   */
  near: boolean;
}

/** Finds paragraphs that repeat an earlier one, in order. */
export function findRepeats<T extends Paragraph>(paragraphs: T[], options: RepeatOptions): Repeat<T>[] {
  return options.near ? findNearRepeats(paragraphs) : findExactRepeats(paragraphs);
}

function findExactRepeats<T extends Paragraph>(paragraphs: T[]): Repeat<T>[] {
  const seen = new Map<string, T>();
  const repeats: Repeat<T>[] = [];
  for (const p of paragraphs) {
    const key = normaliseForMatch(p.text);
    if (key.length < MIN_EXACT_CHARS) continue;
    const first = seen.get(key);
    if (first) repeats.push({ block: p, of: first });
    else seen.set(key, p);
  }
  return repeats;
}

/** Normalised words of a paragraph: lower case, straight quotes, no punctuation. */
function tokens(text: string): string[] {
  return wordsOf(text.toLowerCase().replace(/[‘’ʼ]/g, "'")).map((w) => w.replace(/['*-]/g, ''));
}

function bigrams(words: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < words.length; i++) {
    const k = `${words[i]} ${words[i + 1]}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>, sizeA: number, sizeB: number): number {
  if (!sizeA || !sizeB) return 0;
  let shared = 0;
  for (const [k, n] of a) shared += Math.min(n, b.get(k) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}

/** Paragraphs kept per lookup key: bounds the work on a huge capture whose paragraphs start alike. */
const MAX_PER_KEY = 32;

function remember<T>(index: Map<string, T[]>, key: string, item: T): void {
  const list = index.get(key);
  if (!list) index.set(key, [item]);
  else {
    list.push(item);
    if (list.length > MAX_PER_KEY) list.shift();
  }
}

/** The earlier paragraph was the start of this one, cut short with an ellipsis. */
function isCutShortCopy(earlier: { block: Paragraph; words: string[] }, words: string[]): boolean {
  if (!/(?:\.\.\.|…)\s*$/.test(earlier.block.text) || earlier.words.length >= words.length) return false;
  const n = earlier.words.length - 1;
  for (let i = 0; i < n; i++) if (earlier.words[i] !== words[i]) return false;
  return n >= MIN_CUT_WORDS;
}

/**
 * Near copies. Candidates are looked up by their first or last words, so a long capture is not compared pair
 * by pair; an edit at both ends of a paragraph escapes, which is rare.
 */
function findNearRepeats<T extends Paragraph>(blocks: T[]): Repeat<T>[] {
  interface Seen { block: T; grams: Map<string, number>; size: number; words: string[] }
  const byHead = new Map<string, Seen[]>();
  const byTail = new Map<string, Seen[]>();
  const repeats: Repeat<T>[] = [];
  for (const block of blocks) {
    const words = tokens(block.text);
    if (words.length < MIN_WORDS) continue;
    const head = words.slice(0, KEY_WORDS).join(' ');
    const tail = words.slice(-KEY_WORDS).join(' ');
    const grams = bigrams(words);
    const size = words.length - 1;
    const candidates = new Set([...(byHead.get(head) ?? []), ...(byTail.get(tail) ?? [])]);
    let match: Seen | undefined;
    for (const c of candidates) {
      if (isCutShortCopy(c, words)) {
        // A teaser cut off with an ellipsis: the whole paragraph comes later and is the copy to keep.
        repeats.push({ block: c.block, of: block });
        continue;
      }
      const ratio = Math.min(c.words.length, words.length) / Math.max(c.words.length, words.length);
      if (ratio < MIN_LENGTH_RATIO) continue;
      if (dice(c.grams, grams, c.size, size) >= SAME) {
        match = c;
        break;
      }
    }
    if (match) {
      repeats.push({ block, of: match.block });
      continue;
    }
    const seen: Seen = { block, grams, size, words };
    remember(byHead, head, seen);
    remember(byTail, tail, seen);
  }
  return repeats;
}
