/**
 * The thin-body retries: a page whose article only shows once a script runs (hidden in the markup), or sits in
 * an element named like a sidebar, still yields its article, with a warning saying how it was found; a page
 * whose article is found normally never takes the retries.
 */
import { describe, expect, it } from 'vitest';
import { createCleaner } from '../src/index.js';

const PARAS = [
  'The harbour authority said on Monday that the old grain terminal will be turned into a public park, ending a dispute with the city over the land that had lasted almost a decade.',
  'Under the agreement the authority keeps the quay for cruise ships, while the warehouses behind it are to be pulled down and replaced by lawns, a playground and a swimming area in the basin.',
  'Local residents, who had collected thousands of signatures for the park, welcomed the decision but said they would watch closely whether the money for the work is set aside in next year’s budget.',
  'Construction is expected to start in the autumn and to last about two years, the authority said, adding that parts of the site could open to the public earlier if the demolition goes to plan.',
];
const article = PARAS.map((p) => `<p>${p}</p>`).join('\n');
const page = (body: string) => `<!doctype html><html lang="en"><head><title>Grain terminal to become a park</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
${body}
<footer><p>© 2026 Harbour Times. All rights reserved.</p></footer></body></html>`;

describe('thin-body retries', () => {
  for (const dom of ['linkedom', 'jsdom'] as const) {
    const cleaner = createCleaner({ dom });

    it(`finds an article hidden until a script shows it (${dom})`, async () => {
      const r = await cleaner.clean({ id: 'hidden', html: page(`<div id="story" style="display:none"><h1>Grain terminal to become a park</h1>${article}</div>`) });
      expect(r.text).toContain('ending a dispute with the city');
      expect(r.text).toContain('if the demolition goes to plan');
      expect(r.warnings).toContain('thin body: kept the retry with { tokens: false, showHidden: true, genericSelectors: false, readabilityChars: 100 }');
    });

    it(`finds an article whose class reads like an ad, and names the settings that found it (${dom})`, async () => {
      // Token removal spares an element holding much of the page's text, and the best text block with everything
      // around it; here each paragraph sits in a box of its own named like an ad, and the sidebar's links outweigh them.
      const links = Array.from({ length: 60 }, (_, i) => `<li><a href="/s/${i}">Harbour story number ${i} from the archive pages</a></li>`).join('');
      const boxes = PARAS.map((p) => `<div class="sponsored"><p>${p}</p></div>`).join('\n');
      const r = await cleaner.clean({ id: 'tokens', html: page(`<div class="story"><h1>Grain terminal to become a park</h1>${boxes}</div><div class="sidebar"><ul>${links}</ul></div>`) });
      expect(r.text).toContain('ending a dispute with the city');
      expect(r.text).toContain('if the demolition goes to plan');
      expect(r.warnings).toContain('thin body: kept the retry with { tokens: false, readabilityChars: 100 }');
    });

    it(`leaves a normally found article on the first path (${dom})`, async () => {
      const r = await cleaner.clean({ id: 'plain', html: page(`<article><h1>Grain terminal to become a park</h1>${article}</article><div style="display:none"><p>Hidden promo text that nobody sees on the page.</p></div>`) });
      expect(r.text).toContain('ending a dispute with the city');
      expect(r.text).not.toContain('Hidden promo text');
      expect(r.warnings.filter((w) => w.includes('retry'))).toEqual([]);
    });
  }
});
