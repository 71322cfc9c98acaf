/**
 * What is stripped before the parse (src/dom/prepare.ts): comments, scripts and styles in one scan, each taken
 * whole from where it starts, as an HTML parser reads them; script URLs, inline script heads and JSON-LD kept aside.
 */
import { describe, expect, it } from 'vitest';
import { prepareHtml } from '../src/dom/prepare.js';

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
});
