/**
 * A rough language guess from stop words (rules/phrases/<lang>.yaml `stopwords:`), for pages that do not declare
 * one: phrase lists are per language.
 */
import type { Vocabulary } from '../rules/vocabulary.js';

/** Characters of the text read for the guess. */
const GUESS_CHARS = 4000;
/** Fewer words than this tell no language. */
const MIN_WORDS = 20;
/** The winning language's stop words must be more than this share of the words. */
const MIN_STOPWORD_SHARE = 0.05;
/** Paragraph text read for the guess: no more than the guess reads. */
const PARAGRAPH_CHARS = GUESS_CHARS;

export function guessLang(text: string, vocabulary: Vocabulary): string | undefined {
  const words = text.slice(0, GUESS_CHARS).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  for (const [lang, set] of vocabulary.stopwords) {
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    if (n > bestScore) {
      bestScore = n;
      best = lang;
    }
  }
  return bestScore / words.length > MIN_STOPWORD_SHARE ? best : undefined;
}

/** The page's paragraph text, for a language guess: menus and footers around it are few words in many languages. */
export function paragraphText(doc: Document, max = PARAGRAPH_CHARS): string {
  let out = '';
  // A walk in document order that stops once it has enough: querySelectorAll('p') would walk the whole page.
  const root = doc.documentElement;
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
