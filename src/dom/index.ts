/**
 * The DOM layer: one small interface over jsdom (spec-exact) and linkedom (several times faster).
 * Callers get a standard `Document`; nothing else in declutter knows which parser made it.
 */
import type { DomName } from '../types.js';
import { parseWithJsdom } from './jsdom.js';
import { parseWithLinkedom } from './linkedom.js';
import { prepareHtml } from './prepare.js';

export interface ParsedPage {
  document: Document;
  /** Script `src` URLs and the first bytes of inline scripts, kept for platform fingerprints. */
  scripts: string[];
  /** JSON-LD blocks' raw text. */
  jsonLd: string[];
  dom: DomName;
  /** Frees what the parser holds; call when done with the document. */
  close(): void;
}

export const DEFAULT_DOM: DomName = 'linkedom';

/** Parses an HTML string into a Document with scripts and sub-resources off. */
export function parseHtml(html: string, opts: { dom?: DomName; url?: string } = {}): ParsedPage {
  const dom = opts.dom ?? DEFAULT_DOM;
  const prepared = prepareHtml(html);
  const parsed = dom === 'jsdom' ? parseWithJsdom(prepared.html, opts.url) : parseWithLinkedom(prepared.html, opts.url);
  return { ...parsed, scripts: prepared.scripts, jsonLd: prepared.jsonLd, dom };
}
