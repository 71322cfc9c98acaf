/** A rough language guess from stop words, for pages that do not declare one (phrase lists are per language). */
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'this'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'sich', 'auch', 'auf'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'qui'],
  es: ['el', 'la', 'los', 'que', 'y', 'del', 'las', 'una', 'por', 'con'],
  it: ['il', 'che', 'di', 'la', 'per', 'non', 'una', 'sono', 'della', 'gli'],
  pt: ['o', 'que', 'de', 'não', 'uma', 'os', 'com', 'para', 'do', 'da'],
  nl: ['de', 'het', 'een', 'en', 'van', 'niet', 'dat', 'zijn', 'voor', 'met'],
  pl: ['i', 'w', 'nie', 'na', 'się', 'że', 'z', 'jest', 'do', 'to'],
};
const SETS = Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words)] as const);

export function guessLang(text: string): string | undefined {
  const words = text.slice(0, 4000).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  for (const [lang, set] of SETS) {
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    if (n > bestScore) {
      bestScore = n;
      best = lang;
    }
  }
  return bestScore / words.length > 0.05 ? best : undefined;
}

/** The page's paragraph text, for a language guess: menus and footers around it are few words in many languages. */
export function paragraphText(doc: Document, max = 20000): string {
  let out = '';
  for (const p of doc.querySelectorAll('p')) {
    out += ` ${p.textContent ?? ''}`;
    if (out.length > max) break;
  }
  return out;
}
