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

/** How many gate unions are kept compiled (cleared when full): a few per phrase file and rule with phrases. */
const SHARED_UNIONS_LIMIT = 500;

const WS = /\s+/g;

/** Plain phrases are indexed by this many first characters (fewer when a phrase is shorter). */
const HEAD_CHARS = 4;

/**
 * The plain phrases by their first characters (as many as the shortest phrase has, up to HEAD_CHARS), longest
 * first in each list. One alternation of every phrase did the same scan, but V8 spent about as long compiling it
 * as a one-page run spends cleaning.
 */
interface PhraseIndex {
  /** How many first characters make a phrase's head. */
  head: number;
  byHead: Map<string, string[]>;
  /**
   * Marks every head's key (see headKey): a position whose key is not marked starts no phrase, which rules out
   * most positions without building their head.
   */
  heads: Uint8Array;
}

/** The `n` character codes of `s` from `at`, folded into 16 bits: heads may share a key, so a mark is only a maybe. */
function headKey(s: string, at: number, n: number): number {
  let key = 0;
  for (let k = 0; k < n; k++) key = (key * 31 + s.charCodeAt(at + k)) & 0xffff;
  return key;
}

function indexPhrases(keys: string[]): PhraseIndex {
  const head = Math.min(HEAD_CHARS, ...keys.map((k) => k.length));
  const index: PhraseIndex = { head, byHead: new Map(), heads: new Uint8Array(1 << 16) };
  for (const k of [...keys].sort((a, b) => b.length - a.length)) {
    const start = k.slice(0, head);
    const list = index.byHead.get(start);
    if (list) list.push(k);
    else index.byHead.set(start, [k]);
    index.heads[headKey(k, 0, head)] = 1;
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
  const { head } = index;
  for (let i = 0; i + head <= text.length; ) {
    const phrase = index.heads[headKey(text, i, head)] ? index.byHead.get(text.slice(i, i + head))?.find((p) => text.startsWith(p, i)) : undefined;
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
 * One union per rule file and flag set of the regex phrases: a block none of them matches (nearly every block) is
 * told so in one scan instead of one per phrase. Patterns anchored at the start get their own union, anchored
 * once, which the engine tries at the first character only. The unions only gate; hits still come from each
 * phrase's own regex. A pattern with back-references or named groups is not joined and always runs on its own
 * (`alone`). A page's matcher is one of many (one per language and rule mix), and a file's unions are the same in
 * each: they are compiled once (see sharedRegExp), not once per matcher.
 */
function regexGates(list: Array<{ re: RegExp; entry: PhraseEntry }>): { gates: Gate[]; alone: number[] } {
  const groups = new Map<string, { flags: string; anchored: boolean; members: number[] }>();
  const alone: number[] = [];
  list.forEach(({ re, entry }, i) => {
    if (/\\[1-9k]|\(\?<[^=!]/.test(re.source)) {
      alone.push(i);
      return;
    }
    const flags = re.flags.replace(/[gy]/g, '');
    const anchored = !flags.includes('m') && re.source.startsWith('^') && !hasTopLevelBar(re.source);
    const file = entry.rule.split('#')[0];
    const key = `${file}/${flags}${anchored ? '^' : ''}`;
    const group = groups.get(key);
    if (group) group.members.push(i);
    else groups.set(key, { flags, anchored, members: [i] });
  });
  const gates: Gate[] = [];
  for (const { flags, anchored, members } of groups.values()) {
    const sources = members.map((i) => (anchored ? list[i]!.re.source.slice(1) : list[i]!.re.source));
    const source = `${anchored ? '^' : ''}(?:${sources.map((s) => `(?:${s})`).join('|')})`;
    const uncased = flags.includes('i') && sources.every((s) => caselessAlike(s, flags)) ? sharedRegExp(source, flags.replace('i', '')) : undefined;
    gates.push({ union: sharedRegExp(source, flags), uncased, members });
  }
  return { gates, alone };
}

/**
 * One RegExp per source and flags for the gate unions, shared by every matcher (they are only `test`ed, without
 * `g`, so they hold no state): compiling a file's union took V8 as long as cleaning a page.
 */
const sharedRegExp = (source: string, flags: string): RegExp => sharedRegExps(`${flags}/${source}`);
const sharedRegExps = memoize(SHARED_UNIONS_LIMIT, (key: string) => {
  const cut = key.indexOf('/');
  return new RegExp(key.slice(cut + 1), key.slice(0, cut));
});

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
  const { gates, alone } = regexGates(regexes);
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
    const words = wordCount(text);
    if (words > MAX_BLOCK_WORDS) return undefined;
    const hits = scanText(text);
    if (!hits.length) return undefined;
    const coverage = Math.min(1, coverageOf(text, hits));
    if (words > TINY_BLOCK_WORDS && coverage < MIN_COVERAGE) return undefined;
    const top = best(hits);
    return { category: top.entry.category, rule: top.entry.rule, phrase: top.entry.phrase, coverage };
  }
}

/** Words of a normalised text (one space between words): `text.split(' ').length`, without building the words. */
function wordCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++;
  return n;
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
