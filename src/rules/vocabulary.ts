/**
 * The word lists of the phrase files (rules/phrases/<lang>.yaml) that are not phrases: the words that open a
 * byline (`bylines:`) and the stop words of the language guess (`stopwords:`). Read once per rule set, so a
 * language added in a rule folder is read like a bundled one.
 */
import type { RuleSet } from './load.js';

export interface Vocabulary {
  /** Words that open a byline ("by", "von", "par"), lower case, per language. */
  bylines: ReadonlyMap<string, readonly string[]>;
  /** Frequent words per language, lower case, for the language guess. */
  stopwords: ReadonlyMap<string, ReadonlySet<string>>;
}

const cache = new WeakMap<RuleSet, Vocabulary>();

/** The vocabulary of a rule set's phrase files; several files of one language add up. */
export function vocabularyOf(rules: RuleSet): Vocabulary {
  const hit = cache.get(rules);
  if (hit) return hit;
  // English first (a tie in the language guess goes to it), then the others by code.
  const langs = [...rules.phrases.keys()].sort((a, b) => Number(b === 'en') - Number(a === 'en') || a.localeCompare(b));
  const bylines = new Map<string, string[]>();
  const stopwords = new Map<string, Set<string>>();
  for (const lang of langs) {
    const files = rules.phrases.get(lang) ?? [];
    const heads = [...new Set(files.flatMap((f) => f.bylines ?? []))];
    const stops = new Set(files.flatMap((f) => f.stopwords ?? []));
    if (heads.length) bylines.set(lang, heads);
    if (stops.size) stopwords.set(lang, stops);
  }
  const vocabulary: Vocabulary = { bylines, stopwords };
  cache.set(rules, vocabulary);
  return vocabulary;
}

/** Every language's byline heads, each once. */
export function allBylineHeads(vocabulary: Vocabulary): string[] {
  return [...new Set([...vocabulary.bylines.values()].flat())];
}
