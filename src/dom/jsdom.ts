import { createRequire } from 'node:module';
import type * as JsdomModule from 'jsdom';

// jsdom takes about a second to load; most runs use linkedom, so it is required on first use only.
const require = createRequire(import.meta.url);
let jsdom: typeof JsdomModule | undefined;

/** jsdom with scripts, sub-resources and console output off. */
export function parseWithJsdom(html: string, url?: string): { document: Document; close(): void } {
  jsdom ??= require('jsdom') as typeof JsdomModule;
  const dom = new jsdom.JSDOM(html, {
    url: safeUrl(url),
    virtualConsole: new jsdom.VirtualConsole(),
    pretendToBeVisual: false,
  });
  return { document: dom.window.document, close: () => dom.window.close() };
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}
