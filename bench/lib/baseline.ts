/**
 * The bare baseline: Mozilla Readability 0.6 on jsdom, nothing else, on the same decoded page. This is what a
 * user gets without declutter, so every table shows it beside declutter.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';

/** jsdom's default console prints every stylesheet it cannot parse; the baseline has nothing to say. */
const silent = new VirtualConsole();

export function readabilityText(html: string, url?: string): string {
  let dom: JSDOM | undefined;
  try {
    dom = new JSDOM(html, { url: url ?? 'https://example.invalid/', virtualConsole: silent });
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } catch {
    // jsdom throws from its constructor on some leftover SCSS; bare Readability then has no output.
    return '';
  } finally {
    dom?.window.close();
  }
}
