/**
 * The bare baseline: Mozilla Readability 0.6 on jsdom, nothing else, on the same decoded page. This is what a
 * user gets without declutter, so every table shows it beside declutter.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';

/** jsdom's default console prints every stylesheet it cannot parse; the baseline has nothing to say. */
const silent = new VirtualConsole();

export function readabilityText(html: string, url?: string): string {
  return readabilityResult(html, url).text;
}

/** Bare Readability's title and text (both empty when it finds nothing). */
export function readabilityResult(html: string, url?: string): { title: string; text: string } {
  let dom: JSDOM | undefined;
  try {
    dom = new JSDOM(html, { url: url ?? 'https://example.invalid/', virtualConsole: silent });
    const r = new Readability(dom.window.document).parse();
    return { title: r?.title ?? '', text: r?.textContent ?? '' };
  } catch {
    // jsdom throws from its constructor on some leftover SCSS; bare Readability then has no output.
    return { title: '', text: '' };
  } finally {
    dom?.window.close();
  }
}
