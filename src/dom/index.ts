/**
 * The DOM layer: one small interface over jsdom (spec-exact) and linkedom (several times faster).
 * Callers get a standard `Document`; nothing else in declutter knows which parser made it.
 */
import type { DomName } from '../types.js';
import { parseWithJsdom } from './jsdom.js';
import { parseWithLinkedom } from './linkedom.js';
import { DeclutterError } from '../errors.js';
import { boundStructure, MAX_TAGS, prepareHtml, removeScripts, resolveStreamedSegments } from './prepare.js';

export interface ParsedPage {
  document: Document;
  /** Script `src` URLs and the first bytes of inline scripts, kept for platform fingerprints. */
  scripts: string[];
  /** JSON-LD blocks' raw text. */
  jsonLd: string[];
  dom: DomName;
  /** Warnings about what was changed before the parse (tags dropped past the depth bound). */
  warnings: string[];
  /** How deep the tree may be (see boundStructure); deeper parts are flattened after the parse. */
  depthLimit: number;
  /** Frees what the parser holds; call when done with the document. */
  close(): void;
  /** A deep copy of the document, or of an earlier copy, as it stands now (see ParsedDocument). */
  clone(from?: Document): Document;
}

export const DEFAULT_DOM: DomName = 'linkedom';

/** Parses an HTML string into a Document with scripts and sub-resources off. */
export function parseHtml(html: string, opts: { dom?: DomName; url?: string } = {}): ParsedPage {
  const dom = opts.dom ?? DEFAULT_DOM;
  const prepared = prepareHtml(html);
  const bounded = boundStructure(prepared.html);
  if (bounded.tags < 0) throw new DeclutterError('TOO_COMPLEX', `the page has more than ${MAX_TAGS.toLocaleString('en')} tags`);
  const warnings = bounded.dropped ? [`nesting deeper than ${bounded.depthLimit} open elements: ${bounded.dropped} tags dropped before parsing`] : [];
  const parsed = dom === 'jsdom' ? parseWithJsdom(bounded.html, opts.url) : parseWithLinkedom(bounded.html, opts.url);
  // Scripts go on the parsed tree too: the scan before the parse is for speed, the tree is what the parser saw.
  // A parser makes a script element only from a `<script` in its input, so the tree is walked only then.
  if (/<script/i.test(bounded.html)) removeScripts(parsed.document, prepared.scripts);
  if (prepared.streamed) resolveStreamedSegments(parsed.document);
  return { ...parsed, scripts: prepared.scripts, jsonLd: prepared.jsonLd, dom, warnings, depthLimit: bounded.depthLimit };
}
