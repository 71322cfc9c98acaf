/** What the five seed captures must show (issue 2), read from their copies in samples/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import type { CleanResult } from '../src/types.js';
import { SAMPLES_DIR } from './golden-lib.js';

const read = (name: string) => readFileSync(join(SAMPLES_DIR, name), 'utf8');
const run = (name: string) => clean({ id: name, text: read(name) });
/** Paragraphs of a capture written with blank lines between them. */
const blocksOf = (text: string) => text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const removalWith = (r: CleanResult, s: string) => r.removed.filter((x) => x.text.includes(s));

describe('001 (SOFREP: teaser, meter interstitial, full text, bio, gated comments, promo)', async () => {
  const name = '001_19b810fe77f6d179.txt';
  const r = await run(name);
  const blocks = blocksOf(read(name));
  // The article as published: from the repeat of the lede after the interstitial to the last paragraph
  // before the "Read more at" pointer.
  const start = blocks.findIndex((b, i) => i > 3 && b === blocks[2]);
  const end = blocks.findIndex((b) => b.startsWith('Read more at'));
  const article = blocks.slice(start, end);

  it('finds the article in the capture', () => {
    expect(start).toBeGreaterThan(3);
    expect(article.length).toBe(9);
  });

  it('keeps every article paragraph exactly once, and nothing else', () => {
    for (const p of article) expect(count(r.text, p), p.slice(0, 60)).toBe(1);
    expect(r.text.split('\n\n')).toEqual(article);
  });

  const gone: Array<[string, string[]]> = [
    ['daily free article limit', ['paywall']],
    ['Subscribe and support', ['paywall', 'subscribe']],
    ['$0.50/Week', ['subscribe', 'paywall']],
    ['Already a subscriber', ['subscribe', 'paywall', 'login']],
    ['About SOFREP News Team', ['author-bio']],
    ['Editor-in-Chief', ['author-bio']],
    ['You must become a subscriber or login', ['comments-ui', 'login', 'subscribe']],
    ['More from SOFREP', ['related', 'promo']],
    ['REAL EXPERTS', ['promo']],
    ['TRY 14 DAYS FREE', ['subscribe', 'promo']],
    ['Read more at Military.com', ['related']],
    ['Image courtesy of', ['credit']],
  ];
  for (const [s, categories] of gone) {
    it(`removes "${s}" as ${categories.join(' or ')}`, () => {
      expect(r.text).not.toContain(s);
      const hits = removalWith(r, s);
      expect(hits.length, `no removal mentions "${s}"`).toBeGreaterThan(0);
      for (const h of hits) expect(categories).toContain(h.category);
    });
  }

  it('records the repeated teaser as duplicates', () => {
    expect(r.removed.filter((x) => x.category === 'duplicate')).toHaveLength(3);
  });

  it('reads the headline and the section', () => {
    expect(r.title).toBe('US offering Russia military pact in Syria');
    expect(r.section).toBe('World');
    expect(r.text).not.toContain('US offering Russia military pact in Syria');
  });

  it('reports comments as gated', () => {
    expect(r.comments.status).toBe('gated');
    expect(r.comments.items).toEqual([]);
  });
});

describe('000 (article, agency credit, then 17 reader comments, one per line)', async () => {
  const name = '000_41006abdadce247a.txt';
  const r = await run(name);
  const lines = read(name).split('\n').map((l) => l.trim()).filter(Boolean);
  const credit = lines.findIndex((l) => l.startsWith('The Associated Press contributed'));
  const expectedComments = lines.slice(credit + 1);

  it('ends the body with the article', () => {
    expect(expectedComments).toHaveLength(17);
    const paragraphs = r.text.split('\n\n');
    const last = paragraphs[paragraphs.length - 1];
    // The credit line may stay as the last line, or go to removed as credit.
    if (last === lines[credit]) expect(paragraphs).toEqual(lines.slice(0, credit + 1));
    else {
      expect(paragraphs).toEqual(lines.slice(0, credit));
      expect(removalWith(r, 'The Associated Press contributed')[0]?.category).toBe('credit');
    }
  });

  it('moves the 17 comments, in order, to comments.items', () => {
    expect(r.comments.status).toBe('present');
    expect(r.comments.items.map((c) => c.text)).toEqual(expectedComments);
    expect(r.comments.items.every((c) => c.depth === 0)).toBe(true);
  });

  it('keeps no comment text in the body', () => {
    for (const c of expectedComments) expect(r.text).not.toContain(c.slice(0, 40));
  });
});

describe('002 (a clean capture)', async () => {
  const name = '002_8308df305baf94dd.txt';
  const r = await run(name);
  const blocks = blocksOf(read(name));

  it('keeps every paragraph and takes the first line as the title', () => {
    expect(r.title).toBe(blocks[0]);
    expect(r.text.split('\n\n')).toEqual(blocks.slice(1));
  });

  it('removes nothing but the title line', () => {
    expect(r.removed).toEqual([expect.objectContaining({ category: 'title', text: blocks[0] })]);
    expect(r.comments).toEqual({ status: 'none', items: [] });
  });
});

describe('003 (headline, then a two-line dateline)', async () => {
  const r = await run('003_aff69c9e7e57ba33.txt');

  it('reads the dateline into published (and modified)', () => {
    expect(r.published).toBe('2016-07-01T08:07:54-04:00');
    expect(r.modified).toBe('2016-07-01T08:07:54-04:00');
  });

  it('takes the dateline out of the body', () => {
    expect(r.text).not.toContain('Posted at');
    expect(r.text).not.toContain('last updated');
    expect(r.removed.map((x) => x.category)).toEqual(['title', 'dateline']);
  });

  it('reads the headline (its no-break space made a space)', () => {
    expect(r.title).toBe('U.S. eyes military cooperation with Russia in Syria');
    expect(r.text.startsWith('The Obama administration is considering')).toBe(true);
  });
});

describe('004 (BLOX newspaper: comment notice and password reset after the article)', async () => {
  const r = await run('004_af365740c357bb2b.txt');

  it('ends the body at the last article sentence', () => {
    expect(r.text.endsWith('forces fighting Assad’s government.')).toBe(true);
    expect(r.text.startsWith('MOSCOW — The United States')).toBe(true);
  });

  it('removes the subscriber notice and the password-reset text', () => {
    expect(r.text).not.toContain('eligible to post comments');
    expect(r.text).not.toContain('reset your password');
    expect(removalWith(r, 'Only subscribers are eligible')[0]?.category).toBe('comments-ui');
    expect(removalWith(r, 'reset your password')[0]?.category).toBe('login');
  });

  it('reports comments as gated, by the BLOX platform rule', () => {
    expect(r.comments.status).toBe('gated');
    expect(r.rules).toContain('blox');
  });
});
