/**
 * Repeated paragraphs. A metered page shows a teaser, then an interstitial ("you've reached your limit"),
 * then the whole article again from the top; captures also repeat a lede as a pull quote. A paragraph
 * that repeats an earlier one, allowing for small edits, is kept once.
 */
import type { Block } from './blocks.js';
import { wordsOf } from '../words.js';

/** Paragraphs shorter than this are not compared (a short line can legitimately recur). */
const MIN_WORDS = 6;
/** Word-bigram similarity (Dice) from which two paragraphs count as the same. */
const SAME = 0.8;

export interface Repeat {
  /** The later copy, which is dropped. */
  block: Block;
  /** The earlier copy it repeats. */
  of: Block;
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
function isCutShortCopy(earlier: { block: Block; words: string[] }, words: string[]): boolean {
  if (!/(?:\.\.\.|…)\s*$/.test(earlier.block.text) || earlier.words.length >= words.length) return false;
  const n = earlier.words.length - 1;
  for (let i = 0; i < n; i++) if (earlier.words[i] !== words[i]) return false;
  return n >= 5;
}

/**
 * Finds paragraphs that repeat an earlier one. Candidates are looked up by their first or last words,
 * so a long capture is not compared pair by pair; an edit at both ends of a paragraph escapes, which is rare.
 */
export function findRepeats(blocks: Block[]): Repeat[] {
  interface Seen { block: Block; grams: Map<string, number>; size: number; words: string[] }
  const byHead = new Map<string, Seen[]>();
  const byTail = new Map<string, Seen[]>();
  const repeats: Repeat[] = [];
  for (const block of blocks) {
    const words = tokens(block.text);
    if (words.length < MIN_WORDS) continue;
    const head = words.slice(0, 3).join(' ');
    const tail = words.slice(-3).join(' ');
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
      if (ratio < 0.6) continue;
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
