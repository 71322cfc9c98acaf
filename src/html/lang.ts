/**
 * A rough language guess from stop words (rules/phrases/<lang>.yaml `stopwords:`), for pages that do not declare
 * one: phrase lists are per language.
 */
import { endOf, nextInList } from '../dom/select.js';
import type { Vocabulary } from '../rules/vocabulary.js';

/** Characters of the text read for the guess. */
const GUESS_CHARS = 4000;
/** Fewer words than this tell no language. */
const MIN_WORDS = 20;
/** The winning language's stop words must be more than this share of the words. */
const MIN_STOPWORD_SHARE = 0.05;
/** Paragraph text read for the guess: no more than the guess reads. */
export const PARAGRAPH_CHARS = GUESS_CHARS;

export function guessLang(text: string, vocabulary: Vocabulary): string | undefined {
  const words = text.slice(0, GUESS_CHARS).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return undefined;
  // One look-up a word for every language at once (see languagesOf), not one a word per language.
  const { langs, byWord } = languagesOf(vocabulary);
  const counts = new Array<number>(langs.length).fill(0);
  for (const w of words) {
    const of = byWord.get(w);
    if (of) for (const i of of) counts[i]!++;
  }
  let best: string | undefined;
  let bestScore = 0;
  // The languages in the vocabulary's order: on a tie the first one wins.
  for (const [i, n] of counts.entries()) {
    if (n > bestScore) {
      bestScore = n;
      best = langs[i];
    }
  }
  return bestScore / words.length > MIN_STOPWORD_SHARE ? best : undefined;
}

/** Each stop word with the languages (their places in the vocabulary's order) that list it; made once per vocabulary. */
const stopwordIndex = new WeakMap<Vocabulary, { langs: string[]; byWord: Map<string, number[]> }>();

function languagesOf(vocabulary: Vocabulary): { langs: string[]; byWord: Map<string, number[]> } {
  let index = stopwordIndex.get(vocabulary);
  if (!index) {
    const langs = [...vocabulary.stopwords.keys()];
    const byWord = new Map<string, number[]>();
    langs.forEach((lang, i) => {
      for (const w of vocabulary.stopwords.get(lang)!) {
        const of = byWord.get(w);
        if (of) of.push(i);
        else byWord.set(w, [i]);
      }
    });
    index = { langs, byWord };
    stopwordIndex.set(vocabulary, index);
  }
  return index;
}

/** The page's paragraph text, for a language guess: menus and footers around it are few words in many languages. */
export function paragraphText(doc: Document, max = PARAGRAPH_CHARS): string {
  let out = '';
  // A walk in document order that stops once it has enough: querySelectorAll('p') would walk the whole page.
  const root = doc.documentElement;
  const end = root && endOf(root);
  if (end) {
    // A linkedom page is read along its node list, a paragraph's inside skipped by way of its end marker.
    for (let n = nextInList(root); n !== end && out.length <= max; ) {
      if (n.nodeType === 1 && ((n as Element).localName === 'p' || (n as Element).localName === 'P')) {
        out += ` ${n.textContent ?? ''}`;
        n = nextInList(endOf(n)!);
      } else n = nextInList(n);
    }
    return out;
  }
  let n: Element | null = root;
  while (n && out.length <= max) {
    // localName is a plain field in linkedom; its tagName getter looks the upper-case name up on every read.
    if (n.localName === 'p' || n.localName === 'P') out += ` ${n.textContent ?? ''}`;
    else if (n.firstElementChild) {
      n = n.firstElementChild;
      continue;
    }
    while (n && n !== root && !n.nextElementSibling) n = n.parentElement;
    n = n && n !== root ? n.nextElementSibling : null;
  }
  return out;
}
