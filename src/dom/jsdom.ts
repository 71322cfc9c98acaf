import { createRequire } from 'node:module';
import type * as JsdomModule from 'jsdom';
import type { ParsedDocument } from './types.js';

// jsdom takes about a second to load; most runs use linkedom, so it is required on first use only.
const require = createRequire(import.meta.url);
let jsdom: typeof JsdomModule | undefined;

/** jsdom with scripts, sub-resources and console output off. */
export function parseWithJsdom(html: string, url?: string): ParsedDocument {
  jsdom ??= require('jsdom') as typeof JsdomModule;
  const dom = new jsdom.JSDOM(html, {
    url: safeUrl(url),
    virtualConsole: new jsdom.VirtualConsole(),
    pretendToBeVisual: false,
  });
  const document = dom.window.document;
  return { document, close: () => dom.window.close(), clone: (from = document) => from.cloneNode(true) as Document };
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}
