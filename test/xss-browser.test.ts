/**
 * Every HTML the library returns (the body and each comment's html) is rendered in a real headless Chromium with
 * classic XSS payloads placed in the article and in reader comments; after load, every element is clicked,
 * focused and hovered. No payload may run. A control renders the same payloads as the page had them, so the
 * harness is shown to catch what runs.
 *
 * Chromium comes from Debian's packages (`apt-get install chromium`; .ci/run installs it when missing), driven
 * by playwright-core, which downloads no browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCleaner } from '../src/clean.js';
import { articleParagraphs, page } from './comments-lib.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Payloads that each call `hit(n)` when they run; `N` is replaced by the payload's number. */
const PAYLOADS = [
  '<img src=x onerror=hit(N)>',
  '<img src="x" onerror="hit(N)">',
  '<svg onload=hit(N)></svg>',
  '<svg><script>hit(N)</script></svg>',
  '<script>hit(N)</script x>',
  '<script>hit(N)</script/>',
  '<script>hit(N)</SCRIPT\n>',
  '<scr<!-- -->ipt>hit(N)</script>',
  '<body onload=hit(N)>',
  '<iframe src="javascript:parent.hit(N)"></iframe>',
  '<iframe srcdoc="<script>parent.hit(N)</script>"></iframe>',
  '<a href="javascript:hit(N)">click me N</a>',
  '<a href="JaVaScRiPt:hit(N)">click me N</a>',
  '<a href="jav&#x09;ascript:hit(N)">click me N</a>',
  '<a href=" javascript:hit(N)">click me N</a>',
  '<a href="data:text/html,<script>opener.hit(N)</script>">click me N</a>',
  '<a onclick="hit(N)">click me N</a>',
  '<a onmouseover="hit(N)">hover me N</a>',
  '<div onclick="hit(N)">click div N</div>',
  '<button onclick="hit(N)">button N</button>',
  '<form action="javascript:hit(N)"><button>submit N</button></form>',
  '<input autofocus onfocus=hit(N)>',
  '<details open ontoggle=hit(N)><summary>x</summary></details>',
  '<video><source onerror=hit(N)></video>',
  '<audio src=x onerror=hit(N)></audio>',
  '<object data="javascript:hit(N)"></object>',
  '<embed src="javascript:hit(N)">',
  '<marquee onstart=hit(N)>m</marquee>',
  '<math><mtext><table><mglyph><style><img src=x onerror=hit(N)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=hit(N)>"></noscript>',
  '<style>@import "javascript:hit(N)";</style>',
  '<link rel=stylesheet href="javascript:hit(N)">',
  '<meta http-equiv="refresh" content="0;url=javascript:hit(N)">',
  '<base href="javascript:hit(N)//"><a href="/x">base link N</a>',
  '<svg><a xlink:href="javascript:hit(N)"><text x=20 y=20>svg link N</text></a></svg>',
  '<svg><animate onbegin=hit(N) attributeName=x dur=1s>',
  '<img src=x:x onerror="hit(N)">',
  '<p style="background:url(javascript:hit(N))">styled N</p>',
  '<template><img src=x onerror=hit(N)></template>',
  '<textarea><img src=x onerror=hit(N)></textarea>',
  '<xmp><img src=x onerror=hit(N)></xmp>',
  '<img srcset="x 1x" onerror=hit(N)>',
  '<isindex action="javascript:hit(N)" type=image>',
  '<table background="javascript:hit(N)"><tr><td>t N</td></tr></table>',
  '<select autofocus onfocus=hit(N)><option>o</option></select>',
  '<keygen autofocus onfocus=hit(N)>',
  '<div style="width:expression(hit(N))">expr N</div>',
  '<a href="#" onfocus="hit(N)" tabindex=1>focus N</a>',
  '<img src="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 onload=%22parent.hit(N)%22/>">',
  '<object data="data:text/html,<script>parent.hit(N)</script>"></object>',
  '<iframe src="data:text/html,<script>parent.hit(N)</script>"></iframe>',
  '<svg><foreignObject><img src=x onerror=hit(N)></foreignObject></svg>',
  '<math href="javascript:hit(N)">math N</math>',
  '<form><button formaction="javascript:hit(N)">fa N</button></form>',
  '<input type=image src=x onerror=hit(N)>',
  '<img src=`x` onerror=hit(N)>',
].map((p, i) => p.replaceAll('N', String(i + 1)));


let browser: Browser | undefined;

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('Chromium is missing: apt-get install chromium (.ci/run installs it)');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Renders HTML after the harness; loads, then clicks, focuses and hovers every element. Returns the payloads that ran. */
async function payloadsRun(html: string): Promise<number[]> {
  const tab = await browser!.newPage();
  // `hit` lives outside the page, in every frame and across navigations: a payload that navigates still reports.
  const hits = new Set<number>();
  await tab.exposeFunction('hit', (n: number) => void hits.add(n));
  try {
    tab.on('dialog', (d) => void d.dismiss());
    await tab.setContent(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, { waitUntil: 'load', timeout: 10_000 });
    await tab.waitForTimeout(300);
    const count = await tab.evaluate(() => document.querySelectorAll('body *').length);
    for (let i = 0; i < count; i++) {
      // One element at a time: a payload that navigates ends the page, and the rest are still tried on a fresh one.
      await tab
        .evaluate((n) => {
          const el = document.querySelectorAll('body *')[n];
          if (!el) return;
          for (const type of ['mouseover', 'focus', 'focusin']) el.dispatchEvent(new Event(type, { bubbles: true }));
          if (el instanceof HTMLElement) {
            el.focus();
            // A link or a button runs its target on click: that is where a javascript: URL would run.
            el.click();
          }
        }, i)
        .catch(() => undefined);
    }
    await tab.waitForTimeout(300);
    return [...hits].sort((a, b) => a - b);
  } finally {
    await tab.close();
  }
}

function pageWithPayloads(): string {
  const comments = PAYLOADS.map(
    (p, i) => `
      <li class="comment depth-1" id="li-comment-${i + 1}">
        <div id="comment-${i + 1}">
          <div class="comment-author vcard"><cite class="fn">Reader ${i + 1}</cite> <span class="says">says:</span></div>
          <div class="comment-meta commentmetadata"><a href="#comment-${i + 1}">July 24, 2012 at 9:15 am</a></div>
          <div class="comment-content"><p>Comment number ${i + 1} has an opinion about the budget. ${p}</p></div>
        </div>
      </li>`,
  );
  const inBody = PAYLOADS.map((p, i) => `<p>Article paragraph ${i + 1} says the council met on Tuesday evening. ${p}</p>`).join('\n');
  return page(`
    <article class="post"><h1 class="entry-title">Council approves the budget</h1>
      <div class="entry-content">${articleParagraphs(3)}${inBody}</div>
    </article>
    <div id="comments"><h3 id="comments-title">${PAYLOADS.length} Responses</h3><ol class="commentlist">${comments.join('')}</ol></div>`);
}

describe('XSS payloads in a real browser', () => {
  it('the harness catches payloads that run, in the page as it came', async () => {
    const ran = await payloadsRun(PAYLOADS.join('\n'));
    expect(ran.length).toBeGreaterThan(15);
  }, 60_000);

  it.each(['linkedom', 'jsdom'] as const)('no payload runs from the body or any comment html (%s)', async (dom) => {
    const r = await createCleaner({ dom }).clean({ id: 'xss', url: 'https://news.example.com/2012/07/budget', html: pageWithPayloads() });
    expect(r.error).toBeUndefined();
    expect(r.text).toMatch(/Article paragraph 40 says the council met/);
    expect(r.comments.items.length).toBeGreaterThan(PAYLOADS.length / 2);
    const withHtml = r.comments.items.filter((c) => c.html);
    expect(withHtml.length).toBeGreaterThan(PAYLOADS.length / 2);
    expect(await payloadsRun(r.html)).toEqual([]);
    expect(await payloadsRun(withHtml.map((c) => `<div class="comment">${c.html}</div>`).join('\n'))).toEqual([]);
    // And by inspection: no script element, no handler attribute, no javascript: URL in any tag (as text they are harmless).
    for (const html of [r.html, ...withHtml.map((c) => c.html!)]) {
      expect(html).not.toMatch(/<script|<[^>]*\son[a-z]+\s*=|<[^>]*javascript:/i);
    }
  }, 120_000);
});
