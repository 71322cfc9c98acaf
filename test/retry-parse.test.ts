/**
 * How often a page is parsed: a page foreseen as at risk of a thin body (little paragraph text once its comments
 * have left) keeps a copy of its prepared document, so its retries need no second parse; a thin page that was
 * not foreseen is read once more. The paragraph text that decides is the page's after the comment step, not the
 * text the language guess read before it.
 */
import { describe, expect, it, vi } from 'vitest';
import * as dom from '../src/dom/index.js';

vi.mock('../src/dom/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof dom>();
  return { ...original, parseHtml: vi.fn(original.parseHtml) };
});

const { createCleaner } = await import('../src/index.js');

const PARAS = [
  'The harbour authority said on Monday that the old grain terminal will be turned into a public park, ending a dispute with the city over the land that had lasted almost a decade.',
  'Under the agreement the authority keeps the quay for cruise ships, while the warehouses behind it are to be pulled down and replaced by lawns, a playground and a swimming area in the basin.',
  'Local residents, who had collected thousands of signatures for the park, welcomed the decision but said they would watch closely whether the money for the work is set aside in next year’s budget.',
];
const hiddenStory = (paras: string[]) => `<div id="story" style="display:none"><h1>Grain terminal to become a park</h1>${paras.map((p) => `<p>${p}</p>`).join('')}</div>`;
const REPLIES = [
  ['Ann Berg', 'March 3, 2026 at 10:02 am', 'About time. The terminal has stood empty for years and the quay is the only place in town where you can see the water without a fence in the way.'],
  ['Tom Reyes', 'March 3, 2026 at 11:15 am', 'I will believe it when the first tree is planted. The last plan for that land was announced with the same fanfare and nothing came of it at all.'],
  ['Mia Lund', 'March 3, 2026 at 12:40 pm', 'A swimming area in the basin sounds lovely, but who is going to test the water quality there every summer, and who pays for the lifeguards?'],
  ['Olu Ade', 'March 3, 2026 at 1:05 pm', 'Good news for the families in the old town, who have had no park within walking distance since the school fields were sold off years ago.'],
];
const thread = `<div id="comments" class="comments-area"><h2>4 comments</h2><ol class="comment-list">${REPLIES.map(
  ([who, when, text], i) =>
    `<li class="comment" id="comment-${i + 1}"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">${who}</b> says:</div><div class="comment-metadata"><time>${when}</time></div></footer><div class="comment-content"><p>${text}</p></div></article></li>`,
).join('')}</ol></div>`;
const page = (body: string) => `<!doctype html><html lang="en"><head><title>Grain terminal to become a park</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
${body}
<footer><p>© 2026 Harbour Times. All rights reserved.</p></footer></body></html>`;

describe('thin-body retries and parsing', () => {
  const cleaner = createCleaner();
  const parses = vi.mocked(dom.parseHtml);

  it('parses a page foreseen as thin once, its retries working on a copy', async () => {
    parses.mockClear();
    const r = await cleaner.clean({ id: 'foreseen', html: page(hiddenStory(PARAS)) });
    expect(r.text).toContain('ending a dispute with the city');
    expect(r.warnings.some((w) => w.startsWith('thin body: kept the retry'))).toBe(true);
    expect(parses).toHaveBeenCalledTimes(1);
  });

  it('reads a thin page that was not foreseen once more', async () => {
    parses.mockClear();
    // Plenty of paragraph text, all of it hidden: nothing foretells the thin first attempt.
    const r = await cleaner.clean({ id: 'unforeseen', html: page(hiddenStory([...PARAS, ...PARAS.map((p) => `Again: ${p}`)])) });
    expect(r.text).toContain('ending a dispute with the city');
    expect(parses).toHaveBeenCalledTimes(2);
  });

  it('judges the paragraph text after the comments have left, not before', async () => {
    parses.mockClear();
    // With the replies the page has enough paragraph text; without them, too little: the page is foreseen.
    const r = await cleaner.clean({ id: 'comments', html: page(`${hiddenStory(PARAS)}${thread}`) });
    expect(r.comments.items.length).toBe(4);
    expect(r.text).toContain('ending a dispute with the city');
    expect(r.text).not.toContain('About time');
    expect(parses).toHaveBeenCalledTimes(1);
  });
});
