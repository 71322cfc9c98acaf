/** Words of a text (runs of letters and digits): the one count thin-body checks, metadata and explain share. */
export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
