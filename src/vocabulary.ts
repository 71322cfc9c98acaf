/**
 * Word lists that several readers share, per language, in one documented place. Lower case; each reader builds
 * its pattern from these lists (plus the words only it needs, named where it does).
 *
 * To add a language: its verbs of a comment's meta line. The words that open a byline are data:
 * rules/phrases/<lang>.yaml `bylines:` (src/bylines.ts).
 */

/** Verbs that close the meta line of a reader comment: "Ann says:", "Peter wrote on 12 March", "Max schreibt". */
export const SAYS_VERBS: Readonly<Record<string, readonly string[]>> = {
  en: ['says', 'said', 'wrote', 'writes'],
  de: ['sagt', 'schreibt', 'meint'],
  fr: ['dit'],
  es: ['dice'],
  it: ['dice'],
  pt: ['disse'],
};

/** Every word of a per-language list, each once, in the order above. */
export function allWords(lists: Readonly<Record<string, readonly string[]>>, langs: string[] = Object.keys(lists)): string[] {
  return [...new Set(langs.flatMap((l) => lists[l] ?? []))];
}

/** An alternation of words for a pattern (the words are plain letters: nothing to escape). */
export const alternation = (words: readonly string[]): string => words.join('|');
