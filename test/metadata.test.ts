/** Metadata on unseen pages: titles the page's sources agree on, bounded document titles, clean bylines. */
import { describe, expect, it } from 'vitest';
import { clean } from '../dist/index.js';

const body = (h1: string) =>
  `<body><article><h1>${h1}</h1>${Array.from({ length: 5 }, (_, i) => `<p>The harbour board voted on Tuesday, paragraph ${i}, to rebuild the sea wall before the spring tides arrive in the bay.</p>`).join('')}</article></body>`;

describe('title', () => {
  it('is the headline when og:title is only the section name and <h1> and <title> agree', async () => {
    const html =
      `<html><head><title>Harbour wall to be rebuilt by spring | The Bay Times</title><meta property="og:title" content="Local News">` +
      `<meta property="article:section" content="Local News"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ html })).title).toBe('Harbour wall to be rebuilt by spring');
  });

  it('keeps a declared headline that differs from the <h1> in wording', async () => {
    const html = `<html><head><title>Sea wall plan | The Bay Times</title><meta property="og:title" content="Board backs sea wall plan"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ html })).title).toBe('Board backs sea wall plan');
  });

  it('is never the markup an unclosed <title> swallowed', async () => {
    const html = `<html><head><title>Harbour wall plan</head><body>${'<div class="nav"><a href="/x">Link</a></div>'.repeat(500)}</body></html>`;
    const r = await clean({ html });
    expect(r.title === undefined || (r.title.length <= 300 && !r.title.includes('<'))).toBe(true);
  });
});

describe('title without the site name', () => {
  it('cuts the declared site name off og:title', async () => {
    const html = `<html><head><meta property="og:site_name" content="The Bay Times"><meta property="og:title" content="Board backs sea wall plan | The Bay Times"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ html })).title).toBe('Board backs sea wall plan');
  });
  it("cuts the host's name when no site name is declared", async () => {
    const html = `<html><head><meta property="og:title" content="Bay Times - Board backs sea wall plan"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ url: 'https://www.baytimes.example/news/1', html })).title).toBe('Board backs sea wall plan');
  });
  it('keeps the part of a title that is the headline', async () => {
    const html = `<html><head><meta property="og:title" content="Harbour wall to be rebuilt by spring - Local News - Coastal Network"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ html })).title).toBe('Harbour wall to be rebuilt by spring');
  });
  it('keeps a colon that is part of the headline', async () => {
    const html = `<html><head><meta property="og:title" content="Sea wall: the board decides"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ html })).title).toBe('Sea wall: the board decides');
  });
  it('decodes a reference escaped twice', async () => {
    const html = `<html><head><meta property="og:title" content="Walls &amp;#038; tides"></head>${body('Walls and tides')}</html>`;
    expect((await clean({ html })).title).toBe('Walls & tides');
  });
  it("prefers the document title to a one-word <h1> that disagrees, but not to one that is only the site's name", async () => {
    const menu = `<html><head><title>Board backs sea wall plan | Bay Times</title></head>${body('Menu')}</html>`;
    expect((await clean({ url: 'https://baytimes.example/a', html: menu })).title).toBe('Board backs sea wall plan');
    const site = `<html><head><title>Baytimes</title></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ url: 'https://baytimes.example/a', html: site })).title).toBe('Harbour wall to be rebuilt by spring');
  });
});

describe('authors', () => {
  it.each([
    ['Jane\t\tDoe\n  Updated 10:30 AM', ['Jane Doe']],
    ['NEW YORK -- Jane Doe', ['Jane Doe']],
    ['By Jane Doe, March 3, 2024', ['Jane Doe']],
    ['Jane Doe and John Roe | 2024-03-05', ['Jane Doe', 'John Roe']],
    ['March 3, 2024', []],
  ])('%j gives %j', async (author, expected) => {
    const html = `<html><head><title>Harbour wall to be rebuilt by spring</title><meta name="author" content="${author}"></head>${body('Harbour wall to be rebuilt by spring')}</html>`;
    expect((await clean({ html })).authors).toEqual(expected);
  });
});
