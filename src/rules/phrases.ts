/**
 * Phrase detection on short blocks: prompts, notices and promo lines are recognised by their wording.
 * A phrase removes a block only when the block is short and made mostly of matched phrases, so an article
 * paragraph that happens to contain the words stays.
 */
import { memoize } from '../memo.js';
import type { Category } from '../types.js';
import type { RuleSet } from './load.js';
import type { RuleFile } from './types.js';
import { caselessAlike, FOLD_FREE_TEXT, phraseFlags, REGEX_ENTRY } from './patterns.js';

export interface PhraseEntry {
  phrase: string;
  category: Category;
  /** Rule id with item, e.g. `phrases-en#paywall`. */
  rule: string;
}

export interface PhraseHit {
  category: Category;
  rule: string;
  phrase: string;
  /** Share of the block's characters covered by matched phrases (0..1). */
  coverage: number;
}

export interface PhraseMatcher {
  /** The hit that marks this block as boilerplate, if the block is short and mostly phrases. */
  match(text: string): PhraseHit | undefined;
  /** Every phrase found in the text, however long the text (for signals such as gated comments). */
  find(text: string): PhraseHit[];
  readonly size: number;
}

/** A block of at most this many words is removed by any phrase it contains. */
export const TINY_BLOCK_WORDS = 12;
/** Longer blocks need phrases to cover this share of their characters... */
export const MIN_COVERAGE = 0.3;
/** ...and are never removed by phrases past this many words. */
export const MAX_BLOCK_WORDS = 80;

const WS = /\s+/g;

/**
 * The plain phrases by their first two characters, longest first in each list. One alternation of every
 * phrase did the same scan, but V8 spent about as long compiling it as a one-page run spends cleaning.
 */
interface PhraseIndex {
  byHead: Map<string, string[]>;
  /**
   * Marks every head's two character codes (see headKey): a position whose two characters are not marked starts
   * no phrase, which rules out most positions without building their two-character head.
   */
  heads: Uint8Array;
  /** Whether a phrase is one character long (indexed by that character alone). */
  singles: boolean;
}

/** Two character codes folded into 16 bits: unrelated pairs may share a key, so a marked key is only a maybe. */
function headKey(c0: number, c1: number): number {
  return ((c0 & 0xff) << 8) | (c1 & 0xff);
}

function indexPhrases(keys: string[]): PhraseIndex {
  const index: PhraseIndex = { byHead: new Map(), heads: new Uint8Array(1 << 16), singles: false };
  for (const k of [...keys].sort((a, b) => b.length - a.length)) {
    const head = k.slice(0, 2);
    const list = index.byHead.get(head);
    if (list) list.push(k);
    else index.byHead.set(head, [k]);
    if (head.length === 2) index.heads[headKey(head.charCodeAt(0), head.charCodeAt(1))] = 1;
    else index.singles = true;
  }
  return index;
}

/**
 * Plain phrases in `text` as an alternation would find them: scanning left to right, the longest phrase
 * starting at a position wins and the scan goes on after it.
 */
function findPlain(index: PhraseIndex, text: string): Array<{ phrase: string; start: number }> {
  const out: Array<{ phrase: string; start: number }> = [];
  if (!index.byHead.size) return out;
  for (let i = 0; i < text.length; ) {
    let phrase: string | undefined;
    if (i + 1 < text.length && index.heads[headKey(text.charCodeAt(i), text.charCodeAt(i + 1))]) {
      phrase = index.byHead.get(text.slice(i, i + 2))?.find((p) => text.startsWith(p, i));
    }
    // One-character phrases (if a rule has any) are indexed by that character and tried after longer ones.
    if (!phrase && index.singles) phrase = index.byHead.get(text[i]!)?.[0];
    if (phrase) {
      out.push({ phrase, start: i });
      i += phrase.length;
    } else i++;
  }
  return out;
}

/** Normalises a phrase or block for matching: lower case, one space, curly quotes made straight. */
export function normaliseForMatch(s: string): string {
  return s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(WS, ' ').trim().toLowerCase();
}

/** A union of regex phrases that gates them (see regexGates). */
interface Gate {
  /** The union, with the phrases' own flags. */
  union: RegExp;
  /** The same union without `i`, when it matches fold-free text exactly as `union` does (see caselessAlike). */
  uncased?: RegExp;
  /** Its phrases' places in the list, ascending. */
  members: number[];
}

/**
 * One union per flag set of the regex phrases: a block none of them matches (nearly every block) is told so in
 * one scan instead of one per phrase. Patterns anchored at the start get their own union, anchored once, which
 * the engine tries at the first character only. The unions only gate; hits still come from each phrase's own
 * regex. A pattern with back-references or named groups is not joined and always runs on its own (`alone`).
 */
function regexGates(list: RegExp[]): { gates: Gate[]; alone: number[] } {
  const groups = new Map<string, { flags: string; anchored: boolean; members: number[] }>();
  const alone: number[] = [];
  list.forEach((re, i) => {
    if (/\\[1-9k]|\(\?<[^=!]/.test(re.source)) {
      alone.push(i);
      return;
    }
    const flags = re.flags.replace(/[gy]/g, '');
    const anchored = !flags.includes('m') && re.source.startsWith('^') && !hasTopLevelBar(re.source);
    const key = `${flags}${anchored ? '^' : ''}`;
    const group = groups.get(key);
    if (group) group.members.push(i);
    else groups.set(key, { flags, anchored, members: [i] });
  });
  const gates: Gate[] = [];
  for (const { flags, anchored, members } of groups.values()) {
    const sources = members.map((i) => (anchored ? list[i]!.source.slice(1) : list[i]!.source));
    const source = `${anchored ? '^' : ''}(?:${sources.map((s) => `(?:${s})`).join('|')})`;
    const uncased = flags.includes('i') && sources.every((s) => caselessAlike(s, flags)) ? new RegExp(source, flags.replace('i', '')) : undefined;
    gates.push({ union: new RegExp(source, flags), uncased, members });
  }
  return { gates, alone };
}

/** Whether a pattern has an alternation outside any group or class (`^a|b` is not anchored as a whole). */
function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

export function compilePhrases(entries: PhraseEntry[]): PhraseMatcher {
  const plain = new Map<string, PhraseEntry>();
  const regexes: Array<{ re: RegExp; entry: PhraseEntry }> = [];
  for (const e of entries) {
    const m = REGEX_ENTRY.exec(e.phrase);
    if (m) regexes.push({ re: new RegExp(m[1]!, phraseFlags(m[2]!)), entry: e });
    else {
      const key = normaliseForMatch(e.phrase);
      if (key && !plain.has(key)) plain.set(key, e);
    }
  }
  const { gates, alone } = regexGates(regexes.map((r) => r.re));
  const plainIndex = indexPhrases([...plain.keys()]);

  const scanText = (text: string) => {
    const hits: Array<{ entry: PhraseEntry; start: number; end: number }> = [];
    for (const h of findPlain(plainIndex, text)) hits.push({ entry: plain.get(h.phrase)!, start: h.start, end: h.start + h.phrase.length });
    // Under `iu` V8 folds every character through Unicode's case tables, which made the unions about twelve times
    // slower than without `i`: fold-free text (nearly every English block) is read by the uncased union instead.
    const foldFree = FOLD_FREE_TEXT.test(text);
    let run = alone;
    for (const g of gates) if ((foldFree && g.uncased ? g.uncased : g.union).test(text)) run = [...run, ...g.members];
    // Hits in the list's order, as each phrase alone would add them.
    if (run !== alone) run.sort((a, b) => a - b);
    for (const i of run) {
      const { re, entry } = regexes[i]!;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        hits.push({ entry, start: m.index, end: m.index + m[0].length });
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    return hits;
  };
  const scan = (raw: string) => {
    const text = normaliseForMatch(raw);
    return { text, hits: scanText(text) };
  };

  const coverageOf = (text: string, hits: Array<{ start: number; end: number }>) => {
    if (!text.length) return 0;
    const sorted = [...hits].sort((a, b) => a.start - b.start);
    let covered = 0;
    let end = -1;
    for (const h of sorted) {
      const s = Math.max(h.start, end);
      if (h.end > s) covered += h.end - s;
      end = Math.max(end, h.end);
    }
    return covered / text.replace(/[\s\p{P}]/gu, '').length || 0;
  };

  const best = (hits: Array<{ entry: PhraseEntry; start: number; end: number }>) =>
    hits.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));

  // The same blocks are checked before extraction and again in the body, and chrome lines recur across pages.
  const verdictOf = memoize(VERDICTS_LIMIT, matchText);
  return {
    size: plain.size + regexes.length,
    match(raw) {
      const verdict = verdictOf(raw);
      return verdict && { ...verdict };
    },
    find(raw) {
      const { text, hits } = scan(raw);
      return hits.map((h) => ({ category: h.entry.category, rule: h.entry.rule, phrase: h.entry.phrase, coverage: coverageOf(text, [h]) }));
    },
  };

  function matchText(raw: string): PhraseHit | undefined {
    const text = normaliseForMatch(raw);
    // Too long to be removed whatever it says: not scanned.
    const words = text.split(' ').length;
    if (words > MAX_BLOCK_WORDS) return undefined;
    const hits = scanText(text);
    if (!hits.length) return undefined;
    const coverage = Math.min(1, coverageOf(text, hits));
    if (words > TINY_BLOCK_WORDS && coverage < MIN_COVERAGE) return undefined;
    const top = best(hits);
    return { category: top.entry.category, rule: top.entry.rule, phrase: top.entry.phrase, coverage };
  }
}

/** How many block verdicts a matcher remembers (cleared when full): a page's blocks, kept small per matcher. */
const VERDICTS_LIMIT = 4000;

/** The phrase files of a page's languages, English always (last), each file once. */
export function phraseFiles(set: RuleSet, langs: string[]): RuleFile[] {
  const out: RuleFile[] = [];
  for (const lang of [...new Set([...langs, 'en'])]) {
    for (const file of set.phrases.get(lang) ?? []) if (!out.some((f) => f.id === file.id)) out.push(file);
  }
  return out;
}

/** Phrase entries for a page: the phrase files of its languages (English always) plus `remove[].phrases` of the applied rules. */
export function phraseEntries(set: RuleSet, langs: string[], applied: RuleFile[]): PhraseEntry[] {
  const out: PhraseEntry[] = [];
  for (const file of phraseFiles(set, langs)) {
    for (const [category, list] of Object.entries(file.phrases ?? {})) {
      for (const phrase of list ?? []) out.push({ phrase, category: category as Category, rule: `${file.id}#${category}` });
    }
  }
  for (const rule of applied) {
    for (const item of rule.remove ?? []) {
      for (const phrase of item.phrases ?? []) out.push({ phrase, category: item.category, rule: `${rule.id}#${item.name ?? item.category}` });
    }
  }
  return out;
}
