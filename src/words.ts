/**
 * Words, in one module: `countWords` is the count every length check shares (thin body, declared length, access,
 * metadata, explain); `wordsOf` gives the words themselves, apostrophes and hyphens kept inside a word, for the
 * text path's shingles and its byline and headline shapes; `hasWords` and `countWordsUpTo` stop early.
 */

/** Words of a text (runs of letters and digits): the one count thin-body checks, metadata and explain share. */
export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/**
 * Whether the text under `root` has at least `limit` words. Reads text nodes in order and stops once a prefix
 * has enough: a prefix never has more words than the whole, so a 10 MB page is not read (or counted) to its end.
 */
export function hasWords(root: Node | null | undefined, limit: number): boolean {
  if (!root) return limit <= 0;
  let text = '';
  let checkedAt = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 3 || n.nodeType === 4) {
      text += (n as Text).data;
      if (text.length - checkedAt >= PREFIX_STEP) {
        checkedAt = text.length;
        if (countWordsUpTo(text, limit) >= limit) return true;
      }
    } else if (n.nodeType === 1 || n.nodeType === 9 || n.nodeType === 11) {
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return countWordsUpTo(text, limit) >= limit;
}

/** How much more text is read before the prefix is counted again. */
const PREFIX_STEP = 2048;

/** Words of a text, counted no further than `limit`. */
export function countWordsUpTo(text: string, limit: number): number {
  const re = /[\p{L}\p{N}]+/gu;
  let n = 0;
  while (n < limit && re.exec(text)) n++;
  return n;
}

/** The words of a text (a letter or digit, then letters, digits, apostrophes, asterisks, hyphens), in order. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’*-]*/gu) ?? [];
}
