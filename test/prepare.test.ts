/**
 * What is stripped before the parse (src/dom/prepare.ts): comments, scripts and styles in one scan, each taken
 * whole from where it starts, as an HTML parser reads them; script URLs, inline script heads and JSON-LD kept aside.
 */
import { describe, expect, it } from 'vitest';
import { boundStructure, MAX_OPEN_DEPTH, MAX_TAGS, MIN_OPEN_DEPTH, DEPTH_WORK, prepareHtml, removeScripts } from '../src/dom/prepare.js';
import { parseHtml } from '../src/dom/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

describe('prepareHtml', () => {
  it('a script opening with <!-- runs to the -->: a <script> string written inside does not end it', () => {
    const html = `<p>Before</p><script><!--\ndocument.write('<script src="https://ads.example/show.js"></script>');\n//-->\n</script><p>After</p>`;
    const out = prepareHtml(html);
    expect(out.html).toBe('<p>Before</p><p>After</p>');
    expect(out.scripts).toEqual([]);
  });

  it('a <!-- inside a script or style string is not a comment that runs on over the article', () => {
    const html = `<script>var s = "<!--";</script><style>/* <!-- */ p { color: red }</style><p>Article text</p><!-- x -->`;
    expect(prepareHtml(html).html).toBe('<p>Article text</p>');
  });

  it('keeps script URLs, the head of inline scripts and JSON-LD; a commented-out script is not read', () => {
    const html = [
      '<script src="https://cdn.tinypass.com/api/tinypass.min.js"></script>',
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>`,
      '<script>window.pelcro = {};</script>',
      '<!-- <script src="https://old.example/x.js"></script> -->',
      '<style>.a{}</style><svg viewBox="0 0 1 1"><path d="M0 0"/></svg><p>Body</p>',
    ].join('');
    const out = prepareHtml(html);
    expect(out.scripts).toEqual(['https://cdn.tinypass.com/api/tinypass.min.js', 'window.pelcro = {};']);
    expect(out.jsonLd).toEqual(['{"@type":"NewsArticle","headline":"H"}']);
    expect(out.html).toBe('<svg viewBox="0 0 1 1"></svg><p>Body</p>');
  });

  it('an unclosed <svg> does not swallow the article up to a later </svg>', () => {
    const html = '<svg class="icon"><use href="#i"/><div><p>Article paragraph</p></div><svg><path/></svg>';
    expect(prepareHtml(html).html).toContain('<p>Article paragraph</p>');
  });

  it('a script ends at </script x> and </script/> as in a browser, and the text after it stays', () => {
    for (const end of ['</script x>', '</script/>', '</SCRIPT\n>']) {
      const out = prepareHtml(`<p>One</p><script>alert(1)${end}<p>Two</p><script>b()</script><p>Three</p>`);
      expect(out.html).toBe('<p>One</p><p>Two</p><p>Three</p>');
      expect(out.scripts).toEqual(['alert(1)', 'b()']);
    }
  });

  it('openers with no closer are left to the parser, and the ones after them are still stripped', () => {
    const html = `<p>A</p><svg class="x"><p>B</p><!-- c --><script>x()</script><p>C</p>${'<svg>'.repeat(3)}<!--`;
    expect(prepareHtml(html).html).toBe(`<p>A</p><svg class="x"><p>B</p><p>C</p>${'<svg>'.repeat(3)}<!--`);
  });
});

describe('scripts on the parsed tree', () => {
  it.each(['linkedom', 'jsdom'] as const)('a script the scan cannot see is removed after the parse, its text kept for fingerprints (%s)', (dom) => {
    // `<scr<!-- -->ipt>` is no script to the scan; with the comment gone the parser reads a script element.
    const page = parseHtml('<html><body><p>Text</p><scr<!-- x -->ipt>window.tp = 1</script></body></html>', { dom });
    expect(page.document.getElementsByTagName('script').length).toBe(0);
    expect(page.document.body.textContent).toContain('Text');
    page.close();
    const doc = parseHtml('<p>x</p>', { dom });
    const s = doc.document.createElement('script');
    s.setAttribute('src', 'https://cdn.example/p.js');
    doc.document.body.append(s);
    const seen: string[] = [];
    expect(removeScripts(doc.document, seen)).toBe(1);
    expect(seen).toEqual(['https://cdn.example/p.js']);
    doc.close();
  });
});

describe('boundStructure', () => {
  it('leaves every sample page as it is', () => {
    const root = fileURLToPath(new URL('../samples/', import.meta.url));
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    for (const f of pages) {
      const html = prepareHtml(readFileSync(path.join(root, f), 'utf8')).html;
      const out = boundStructure(html);
      expect(out.dropped, f).toBe(0);
      expect(out.html).toBe(html);
      expect(out.tags).toBeGreaterThan(20);
    }
  });

  it.each([
    ['nested <i>', '<i>', 'x'],
    ['unclosed <svg>', '<svg>', ''],
    ['nested <section>', '<section>', 'y'],
    ['<div/> in HTML (not self-closing there)', '<div/>', ''],
  ])('drops open tags past the depth bound: %s', (_name, open, text) => {
    const n = 40_000;
    const html = `<body><p>Lead</p>${`${open}${text}`.repeat(n)}<p>End</p></body>`;
    const out = boundStructure(html);
    // The more tags, the shallower a page may be, down to the floor every page gets.
    expect(out.depthLimit).toBe(Math.max(MIN_OPEN_DEPTH, Math.floor(DEPTH_WORK / out.tags)));
    expect(out.depthLimit).toBeLessThan(n / 10);
    expect(out.dropped).toBe(n - out.depthLimit);
    expect(out.html).toContain('<p>End</p>');
    // The bound holds in the parsed tree: nothing is deeper than the bound plus the document's own levels.
    const page = parseHtml(out.html, { dom: 'linkedom' });
    let deepest = 0;
    const walk = (el: Element, d: number) => {
      deepest = Math.max(deepest, d);
      for (let c = el.firstElementChild; c; c = c.nextElementSibling) walk(c, d + 1);
    };
    walk(page.document.documentElement, 0);
    expect(deepest).toBeLessThanOrEqual(out.depthLimit + 3);
    expect(page.document.body.textContent).toContain(text.repeat(n));
    page.close();
  });

  it('a small page may nest deeper than a large one, up to MAX_OPEN_DEPTH', () => {
    const deep = (n: number) => `${'<div><b>r</b>'.repeat(n)}${'</div>'.repeat(n)}`;
    expect(boundStructure(deep(3000)).dropped).toBe(0);
    const chain = (n: number) => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`;
    const out = boundStructure(chain(MAX_OPEN_DEPTH + 10));
    expect(out.depthLimit).toBe(Math.min(MAX_OPEN_DEPTH, Math.floor(DEPTH_WORK / out.tags)));
    expect(out.dropped).toBe(2 * (MAX_OPEN_DEPTH + 10 - out.depthLimit));
  });

  it('counts up to the bound without a scan, and scans one past it', () => {
    // At most MAX_OPEN_DEPTH `<` cannot nest past the bound; one more open tag can, and is dropped.
    const open = (n: number) => `${'<div>'.repeat(n)}x`;
    expect(boundStructure(open(MAX_OPEN_DEPTH))).toMatchObject({ dropped: 0, depthLimit: MAX_OPEN_DEPTH });
    const over = boundStructure(open(MAX_OPEN_DEPTH + 1));
    expect(over).toMatchObject({ dropped: 1, depthLimit: MAX_OPEN_DEPTH });
    expect(over.html).toBe(open(MAX_OPEN_DEPTH));
  });

  it('drops the close tags of dropped elements, and closes by the nearest opener', () => {
    const n = MAX_OPEN_DEPTH + 2;
    const html = `${'<b>'.repeat(n)}x${'</b>'.repeat(n)}<div><span><span></div><p>after</p>`;
    const out = boundStructure(html);
    const kept = out.depthLimit;
    expect(kept).toBeLessThan(n);
    expect(out.dropped).toBe(2 * (n - kept));
    expect(out.html.match(/<b>/g)!.length).toBe(kept);
    expect(out.html.match(/<\/b>/g)!.length).toBe(kept);
    expect(out.html.endsWith('<div><span><span></div><p>after</p>')).toBe(true);
  });

  it('inside <svg>, /> closes an element', () => {
    const html = `<svg>${'<path d="M0"/>'.repeat(MAX_OPEN_DEPTH * 2)}</svg><p>x</p>`;
    expect(boundStructure(html).dropped).toBe(0);
  });

  it('refuses a page with more tags than MAX_TAGS, and the cleaner says TOO_COMPLEX', () => {
    const html = `<p>${'<br>'.repeat(MAX_TAGS + 1)}</p>`;
    expect(boundStructure(html).tags).toBe(-1);
    expect(() => parseHtml(html)).toThrow(/more than/);
  });
});
