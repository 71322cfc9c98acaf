import { DOMParser } from './linkedom-module.js';
import { linkedomDocuments } from './select.js';
import type { ParsedDocument } from './types.js';

/**
 * linkedom's `document.body` is the element right after the root's first child, and a new empty one when that
 * is not a <body>. A page without <head> (its <meta> tags loose under <html>), or the several <html> tags of old
 * conditional-comment templates (which nest), leave the page's body elsewhere and `document.body` empty.
 * The first <head> and <body> are put where the getters look; what stood between them stays after the body.
 */
function settleHeadAndBody(document: Document): void {
  const root = document.documentElement;
  if (!root) return;
  const first = root.firstElementChild;
  if (first?.tagName === 'HEAD' && first.nextElementSibling?.tagName === 'BODY') return;
  const body = root.querySelector('body');
  if (!body) return;
  const head = root.querySelector('head') ?? root.insertBefore(document.createElement('head'), root.firstChild);
  if (head.contains(body)) return;
  if (root.firstElementChild !== head) root.prepend(head);
  if (head.nextElementSibling !== body) head.after(body);
}

/** linkedom: not a spec tree builder, but several times faster and far lighter than jsdom. */
export function parseWithLinkedom(html: string, url?: string): ParsedDocument {
  // linkedom only treats input as a full document when it starts like one.
  let source = /^\s*(<!doctype|<html)/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  // A doctype with no <html> tag after it makes linkedom take <head> for the root and leave <body> empty.
  if (!/<html[\s>]/i.test(source)) source = source.replace(/^\s*<!doctype[^>]*>/i, (d) => `${d}<html>`);
  // With no <body> tag, linkedom leaves the content under <html> and `document.body` empty.
  if (!/<body[\s>]/i.test(source)) source = /<\/head\s*>/i.test(source) ? source.replace(/<\/head\s*>/i, '</head><body>') : source.replace(/<html[^>]*>/i, (h) => `${h}<body>`);
  const document = new DOMParser().parseFromString(source, 'text/html') as unknown as Document;
  settleHeadAndBody(document);
  register(document, url);
  return {
    document,
    close: () => {},
    clone: (from = document) => {
      const copy = from.cloneNode(true) as Document;
      register(copy, url);
      return copy;
    },
  };
}

/** A document the rest of declutter may query: its selector cache on, its base URL set. */
function register(document: Document, url: string | undefined): void {
  linkedomDocuments.add(document);
  if (!url) return;
  // linkedom leaves baseURI undefined; Readability resolves links against it.
  try {
    const href = new URL(url).href;
    Object.defineProperty(document, 'baseURI', { value: href, configurable: true });
    Object.defineProperty(document, 'documentURI', { value: href, configurable: true });
  } catch {
    /* an invalid URL leaves links as they are */
  }
}
