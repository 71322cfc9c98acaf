/**
 * Word lists that several readers share, per language, in one documented place. Lower case; each reader builds
 * its pattern from these lists (plus the words only it needs, named where it does).
 *
 * To add a language: the word that opens its bylines. (A comment's words, "says", "posted by", are in the
 * `comments:` block of rules/phrases/<lang>.yaml.)
 */

/** The word that opens a byline: "By Jane Doe", "Von Max Muster", "Par Marie Dupont". */
export const BYLINE_HEADS: Readonly<Record<string, readonly string[]>> = {
  en: ['by'],
  de: ['von'],
  fr: ['par'],
  es: ['por'],
  it: ['di'],
  nl: ['door'],
  pl: ['przez'],
};

/** Every word of a per-language list, each once, in the order above. */
export function allWords(lists: Readonly<Record<string, readonly string[]>>, langs: string[] = Object.keys(lists)): string[] {
  return [...new Set(langs.flatMap((l) => lists[l] ?? []))];
}

/** An alternation of words for a pattern (the words are plain letters: nothing to escape). */
export const alternation = (words: readonly string[]): string => words.join('|');
