import { JSDOM, VirtualConsole } from 'jsdom';

/** jsdom with scripts, sub-resources and console output off. */
export function parseWithJsdom(html: string, url?: string): { document: Document; close(): void } {
  const virtualConsole = new VirtualConsole();
  const dom = new JSDOM(html, {
    url: safeUrl(url),
    virtualConsole,
    runScripts: undefined,
    resources: undefined,
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
