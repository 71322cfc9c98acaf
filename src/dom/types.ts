/** What each parser returns: the document, a deep copy of it on demand, and what to free when done. */
export interface ParsedDocument {
  document: Document;
  /** Frees what the parser holds; call when done with the document and its clones. */
  close(): void;
  /**
   * A deep copy of the document as it stands now (or of `from`, a copy made earlier), which the rest of declutter
   * queries like the original. The thin-body retries run on copies instead of parsing the page again.
   */
  clone(from?: Document): Document;
}
