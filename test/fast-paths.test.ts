/**
 * The shortcuts taken for speed must give what the slow way gives: class values as linkedom's own token list
 * reports them, word counts that stop early, phrase gates that never hide a hit.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/dom/index.js';
import { attrNeedle, compiled } from '../src/dom/select.js';
import { elementsWhere, queryEach, safeMatches, safeQuery, safeQueryAll } from '../src/html/dom-utils.js';
import { caselessAlike } from '../src/rules/patterns.js';
import { compilePhrases, normaliseForMatch } from '../src/rules/phrases.js';
import { countWords, countWordsUpTo, hasWords } from '../src/words.js';

describe('class values under linkedom', () => {
  it('read from the attribute equal the DOMTokenList value (split, first of each, one space)', () => {
    const cases = ['a', 'a b', 'a  b', ' a b ', 'a\tb\nc', 'a b a', 'x y z y', '', ' ', 'é ü'];
    for (const raw of cases) {
      const page = parseHtml(`<html><body><div class="${raw}">x</div></body></html>`, { dom: 'linkedom' });
      const el = page.document.querySelector('div')!;
      const tokens = [...new Set(raw.split(/\s+/).filter(Boolean))].join(' ');
      expect(el.getAttribute('class')).toBe(tokens);
      expect(el.className).toBe(tokens);
    }
  });

  it('follow classList changes and setAttribute', () => {
    const page = parseHtml('<html><body><p class="one two">x</p></body></html>', { dom: 'linkedom' });
    const p = page.document.querySelector('p')!;
    p.classList.add('three');
    expect(p.className).toBe('one two three');
    p.classList.remove('one');
    expect(p.getAttribute('class')).toBe('two three');
    p.setAttribute('class', 'four  four five');
    expect(p.className).toBe('four five');
    expect(p.classList.contains('five')).toBe(true);
    p.removeAttribute('class');
    expect(p.className).toBe('');
  });
});

describe('selector lists under linkedom (bucketed by tag, id, class, attribute)', () => {
  const html = `<html><body>
    <article id="a1" class="Post entry-content"><h2 class="x">T</h2><p title="a, b">one</p><p data-k="v">two</p></article>
    <div id="story-body" class="wrap  lead-in"><span class="entry-content">s</span><input><input type="text"></div>
    <section itemprop="articleBody"><h3>h</h3><a href="/x.pdf">pdf</a><img alt="a,b"></section>
  </body></html>`;
  const lists = [
    'article, [itemprop="articleBody"], .entry-content, #story-body, .storytext',
    'h1, h2, h3, h4, h5, h6',
    '[title="a, b"], [data-k], img[alt="a,b"]',
    'p:not(.x, .y), a[href$=".pdf"], input:not([type])',
    '[class*="LEAD" i], [class*="post" i], *:is(h2, h3)',
    'div > span, article p + p, section a',
    'h2, ::bogus, p',
  ];
  it('match what the jsdom engine matches, in document order', () => {
    const lk = parseHtml(html, { dom: 'linkedom' }).document;
    const js = parseHtml(html, { dom: 'jsdom' }).document;
    const sig = (els: Element[]) => els.map((e) => `${e.tagName}:${e.textContent}`);
    for (const sel of lists) {
      expect(sig(safeQueryAll(lk, sel)), sel).toEqual(sig(safeQueryAll(js, sel)));
      expect(safeQuery(lk, sel)?.outerHTML, sel).toBe(safeQuery(js, sel)?.outerHTML);
      const all = safeQueryAll(lk, '*');
      expect(all.filter((e) => safeMatches(e, sel)), sel).toEqual(safeQueryAll(lk, sel));
    }
    expect(safeQueryAll(lk, 'h2, ::bogus, p')).toEqual([]);
  });

  it('attribute selectors tested behind one literal guard match what each selector alone matches', () => {
    // Values in both cases, with non-ASCII letters that lower-case to ASCII (Kelvin sign, dotted I), every operator.
    const values = ['lp_x', 'LP_X', 'x-lp_', 'Paywall-box', 'pay wall', 'meter-1', 'lin\u212A', 'LINK', 'SUBSCR\u0130BE', 'subscribe', 'a.b', 'a-b', ''];
    const page = `<html><body>${values.map((v, i) => `<div id="${v}" class="${v}" data-x="${v}">${i}</div>`).join('')}</body></html>`;
    const doc = parseHtml(page, { dom: 'linkedom' }).document;
    const selectors = [
      '[id^="lp_"]', '[id^="LP_" i]', '[class*="paywall"]', '[class*="PAYWALL" i]', '[class~="wall"]', '[data-x|="a"]',
      '[data-x$="_"]', '[data-x="a.b"]', '[data-x*="link" i]', '[data-x^="LINK" i]', '[data-x="link" i]', '[id*="k" i]', '[class*="subscri" i]', '[data-x*=meter]',
      'div [data-x^="a" s]', '[data-x]', '[data-x=""]', '[data-x^=""]',
    ];
    const found = queryEach(doc, selectors);
    const all = safeQueryAll(doc, '*');
    for (const sel of selectors) {
      const test = compiled(sel)!;
      expect(found.get(sel) ?? [], sel).toEqual(all.filter((el) => test(el)));
    }
    expect(attrNeedle('[id^="LP_" i]')).toBe('lp_');
    expect(attrNeedle('[data-x]')).toBeUndefined();
  });

  it('elementsWhere walks like querySelectorAll: under the root, not the root, document order', () => {
    const doc = parseHtml(html, { dom: 'linkedom' }).document;
    const article = safeQuery(doc, 'article')!;
    expect(elementsWhere(article, () => true)).toEqual(safeQueryAll(article, '*'));
    expect(elementsWhere(doc, (e) => e.localName === 'p')).toEqual(safeQueryAll(doc, 'p'));
  });

  it('walks follow every change to the tree, as a walk by children does', () => {
    // linkedom walks follow the document's node list (src/dom/select.ts); the reference asks each element for its
    // children. Every way the page is changed must leave the two the same.
    const byChildren = (root: Node): Element[] => {
      const out: Element[] = [];
      for (const c of Array.from(root.childNodes)) {
        if (c.nodeType !== 1) continue;
        out.push(c as Element);
        out.push(...byChildren(c));
      }
      return out;
    };
    const page = parseHtml(`<!DOCTYPE html>${html.replace('<body>', '<body><template><b>t</b><i>u</i></template>')}`, { dom: 'linkedom' });
    const doc = page.document;
    const agree = (step: string) => {
      for (const root of [doc, doc.body, ...byChildren(doc.body)]) {
        expect(elementsWhere(root, () => true), step).toEqual(byChildren(root));
        expect(safeQueryAll(root, 'p, span, b'), step).toEqual(byChildren(root).filter((e) => ['p', 'span', 'b'].includes(e.localName)));
      }
      expect(queryEach(doc, ['p', '.entry-content', '#story-body', '[data-k]']).get('p') ?? [], step).toEqual(byChildren(doc).filter((e) => e.localName === 'p'));
    };
    const article = doc.querySelector('article')!;
    const changes: Array<[string, () => void]> = [
      ['parsed', () => {}],
      ['remove', () => doc.querySelector('h2')!.remove()],
      ['removeChild', () => article.removeChild(article.querySelector('p')!)],
      ['append', () => article.append(doc.createElement('p'), 'text')],
      ['insertBefore', () => doc.body.insertBefore(doc.createElement('p'), doc.body.firstChild)],
      ['fragment', () => {
        const f = doc.createDocumentFragment();
        f.append(doc.createElement('p'), doc.createElement('span'));
        doc.querySelector('section')!.appendChild(f);
      }],
      ['innerHTML', () => (doc.querySelector('#story-body')!.innerHTML = '<p>new <span>s</span></p><b>b</b>')],
      ['outerHTML', () => (doc.querySelector('section h3')!.outerHTML = '<p><b>x</b></p>')],
      ['insertAdjacentHTML', () => article.insertAdjacentHTML('afterend', '<div><p>adj</p></div>')],
      ['textContent', () => (article.textContent = 'only text')],
      ['replaceChildren', () => doc.querySelector('section')!.replaceChildren(doc.createElement('span'), doc.createElement('p'))],
      ['replaceWith', () => doc.querySelector('section span')!.replaceWith(doc.createElement('b'))],
      ['template content', () => doc.querySelector('template')!.content.appendChild(doc.createElement('p'))],
      ['cloneNode', () => doc.body.append(doc.querySelector('section')!.cloneNode(true))],
      ['moved', () => doc.body.prepend(doc.querySelector('section')!)],
      ['normalize', () => doc.body.normalize()],
    ];
    for (const [step, change] of changes) {
      change();
      agree(step);
    }
    const copy = page.clone();
    expect(elementsWhere(copy, () => true)).toEqual(byChildren(copy));
    expect(elementsWhere(copy, () => true).map((e) => e.outerHTML)).toEqual(byChildren(doc).map((e) => e.outerHTML));
  });

  it('a compiled selector asked again after the page changes answers for the page as it now is', () => {
    // Compiled tests are kept across queries and pages; css-select's own per-element caches (:has, :contains) were too.
    const doc = parseHtml('<html><body><div><p><a href="/x">x</a></p><p>say hi</p></div></body></html>', { dom: 'linkedom' }).document;
    const selectors = ['div p:has(a)', 'p:contains(hi)'];
    expect(selectors.map((s) => safeQueryAll(doc, s).length)).toEqual([1, 1]);
    expect(queryEach(doc, selectors).size).toBe(2);
    const [first, second] = [...doc.querySelectorAll('p')];
    expect(safeMatches(first!, 'p:has(a)')).toBe(true);
    first!.querySelector('a')!.remove();
    second!.textContent = 'bye';
    expect(selectors.map((s) => safeQueryAll(doc, s).length)).toEqual([0, 0]);
    expect(queryEach(doc, selectors).size).toBe(0);
    expect(safeMatches(first!, 'p:has(a)')).toBe(false);
  });

  it('buckets read ids and class tokens as getAttribute gives them, for attributes set after parsing too', () => {
    const doc = parseHtml('<html><body><p id="x" class="a  b a">1</p><p>2</p><p class="">3</p></body></html>', { dom: 'linkedom' }).document;
    const [, second, third] = [...doc.querySelectorAll('p')];
    second!.setAttribute('class', ' b\tc  b ');
    second!.setAttribute('id', 'y');
    third!.setAttribute('data-k', 'lp_1');
    const jsdom = parseHtml(doc.documentElement.outerHTML, { dom: 'jsdom' }).document;
    const selectors = ['.a', '.b', '.c', '#x', '#y', 'p.b.c', '[class~="b"]', '[class="b c"]', '[data-k^="lp_"]', '[id]'];
    const text = (m: Map<string, Element[]>) => selectors.map((s) => `${s}: ${(m.get(s) ?? []).map((e) => e.textContent).join(',')}`);
    expect(text(queryEach(doc, selectors))).toEqual(text(queryEach(jsdom, selectors)));
    expect(text(queryEach(doc, selectors))).toContain('.b: 1,2');
    // Guarded attribute selectors read the class value as className gives it ('b c' for ' b\tc  b '), as each
    // selector alone does.
    const guarded = ['[class*="b c"]', '[class$="c" i]', '[class^="b"]', '[class*="A B" i]', '[class="a b"]'];
    const found = queryEach(doc, guarded);
    for (const sel of guarded) expect(found.get(sel) ?? [], sel).toEqual(safeQueryAll(doc, '*').filter((el) => compiled(sel)!(el)));
    expect(found.get('[class*="b c"]')).toEqual([second]);
  });
});

describe('word counts that stop early', () => {
  it('countWordsUpTo counts like countWords, up to the limit', () => {
    const text = 'One two, three-four 5 and ünïcode wörds';
    expect(countWordsUpTo(text, 100)).toBe(countWords(text));
    expect(countWordsUpTo(text, 3)).toBe(3);
  });

  for (const dom of ['linkedom', 'jsdom'] as const) {
    it(`hasWords reads words across elements and long pages (${dom})`, () => {
      // "split" + "word" is one word across the <b>: 4 words in all.
      const short = parseHtml('<html><body><p>three short words split<b>word</b></p></body></html>', { dom });
      expect(hasWords(short.document.body, 4)).toBe(true);
      expect(hasWords(short.document.body, 5)).toBe(false);
      const long = parseHtml(`<html><body>${'<p>Several words in a paragraph here.</p>'.repeat(2000)}</body></html>`, { dom });
      expect(hasWords(long.document.body, 60)).toBe(true);
      expect(hasWords(null, 1)).toBe(false);
    });
  }
});

describe('phrase regex gates', () => {
  it('find every regex phrase hit, anchored or not, as each regex alone would', () => {
    const m = compilePhrases([
      { phrase: '/^subscribe now$/', category: 'subscribe', rule: 't#a' },
      { phrase: '/^read more|see also/', category: 'related', rule: 't#b' },
      { phrase: '/you have \\d+ free articles? left/', category: 'paywall', rule: 't#c' },
      { phrase: '/(sign) in to \\1/', category: 'login', rule: 't#d' },
      { phrase: 'newsletter', category: 'newsletter', rule: 't#e' },
    ]);
    expect(m.match('Subscribe now')?.rule).toBe('t#a');
    expect(m.match('x subscribe now')).toBeUndefined();
    // `^read more|see also` is not anchored as a whole: "see also" matches anywhere.
    expect(m.match('and see also')?.rule).toBe('t#b');
    expect(m.match('You have 3 free articles left')?.rule).toBe('t#c');
    expect(m.match('sign in to sign')?.rule).toBe('t#d');
    expect(m.find('Our newsletter: you have 2 free articles left').map((h) => h.rule).sort()).toEqual(['t#c', 't#e']);
  });

  it('read fold-free text without `i` only where every part of every pattern reads alike', () => {
    expect(caselessAlike("you have \\d+ free (?:articles?|stories)\\b", 'iu')).toBe(true);
    expect(caselessAlike("^more from [\\p{L}\\d.&'-]+(?: [\\p{L}\\d.&'-]+){0,3}:?$", 'iu')).toBe(true);
    expect(caselessAlike('[$£€]\\s?\\d+\\s?\\/\\s?(?:week|month)\\b', 'iu')).toBe(true);
    // A capital, a class of capitals, a case-blind property, a back-reference, a long s: not alike.
    for (const source of ['Subscribe now', '[A-Z]+ only', '\\p{Lu}\\w+', '(sign) in to \\1', 'pa\u017fs']) {
      expect(caselessAlike(source, 'iu'), source).toBe(false);
    }
  });

  it('give the hits of each regex alone with its own flags, on plain, accented and case-folding text', () => {
    const alike = ['you have \\d+ free articles? left', '^read more\\b', '\\bshare on x\\b', 'pass\\w*'];
    // With a capital in one pattern its union reads every text case-blind.
    for (const sources of [alike, [...alike, 'Subscribe (?:now|today)']]) {
      const m = compilePhrases(sources.map((s, i) => ({ phrase: `/${s}/`, category: 'paywall', rule: `t#${i}` })));
      const texts = [
        'You have 3 free articles left. Share on X',
        'Read more: subscribe today, passers-by',
        'read more about the pa\u017fsword', // long s: folds to "s" under `iu`
        'PA\u017fSWORD and \u212aelvin share on x', // Kelvin sign: lower-cases to "k"
        'Café: you have 2 free articles left',
        'nothing here',
      ];
      for (const text of texts) {
        const norm = normaliseForMatch(text);
        const expected = sources.flatMap((s, i) => [...norm.matchAll(new RegExp(s, 'giu'))].map(() => `t#${i}`));
        expect(m.find(text).map((h) => h.rule), text).toEqual(expected);
      }
    }
  });

  it('find plain phrases as a scan for the longest phrase at each position would, heads sharing a key included', () => {
    // Heads are as long as the shortest phrase (up to four characters); "a~" and "b_" share a 16-bit key.
    const lists = [
      ['a~', 'a~c', 'b_', 'b_c', 'read more', 'rea'],
      ['x', 'xy', 'read more', 're'],
      ['read more', 'read on', 'reader poll', 'more from'],
    ];
    const texts = ['a~c b_c a~ b_ x', 'read more x', 'b_a~c', 'xx', 'zzz', 'x', 'rea', 'reader poll: read on, read more from us'];
    for (const phrases of lists) {
      const m = compilePhrases(phrases.map((phrase, i) => ({ phrase, category: 'related', rule: `t#${i}` })));
      const byLength = [...phrases].sort((a, b) => b.length - a.length);
      const scan = (text: string) => {
        const out: string[] = [];
        for (let i = 0; i < text.length; ) {
          const p = byLength.find((q) => text.startsWith(q, i));
          if (p) {
            out.push(p);
            i += p.length;
          } else i++;
        }
        return out;
      };
      for (const text of texts) expect(m.find(text).map((h) => h.phrase), text).toEqual(scan(text));
    }
  });
});

describe('compiled rule cache', () => {
  it('holds exactly what parsing each bundled file gives, keyed by its text', async () => {
    const { readFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { BUNDLED_RULES_DIR, listRuleFiles, parseRuleFile } = await import('../src/rules/load.js');
    const { writeCompiled } = await import('../src/rules/compiled.js');
    const paths = listRuleFiles(BUNDLED_RULES_DIR);
    const texts = paths.map((p) => readFileSync(p, 'utf8'));
    const rules = texts.map((t, i) => parseRuleFile(t, paths[i]!));
    const file = join(mkdtempSync(join(tmpdir(), 'declutter-rules-')), 'compiled.json');
    expect(writeCompiled(texts, rules, file)).toBe(paths.length);
    const cached = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
    expect(cached).toEqual(rules.map(({ source: _s, ...r }) => r));
  });
});

/** The bundled sample pages' HTML files, relative to samples/. */
async function samplePages(): Promise<{ root: string; files: string[] }> {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const root = join(import.meta.dirname, '..', 'samples');
  return { root, files: readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')) };
}

describe('textLength', () => {
  it('is textOf(...).length for every element of the bundled sample pages, on both DOMs', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { textLength, textLengthUpTo, textOf } = await import('../src/html/dom-utils.js');
    const { root, files } = await samplePages();
    expect(files.length).toBeGreaterThan(10);
    let checked = 0;
    for (const dom of ['linkedom', 'jsdom'] as const) {
      for (const f of files) {
        const page = parseHtml(readFileSync(join(root, f), 'utf8'), { dom });
        for (const el of [page.document.body, ...page.document.querySelectorAll('body *')]) {
          if (textLength(el) !== textOf(el).length) expect({ f, tag: el.tagName, n: textLength(el) }).toEqual({ f, tag: el.tagName, n: textOf(el).length });
          // Stopped past a limit: the length itself when within it, something past it when the text is longer.
          for (const limit of [0, 10, 200]) {
            const up = textLengthUpTo(el, limit);
            if (up > limit !== textLength(el) > limit || (up <= limit && up !== textLength(el))) expect({ f, limit, up }).toEqual({ f, limit, up: textLength(el) });
          }
          checked++;
        }
        page.close?.();
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('shortTexts gives textOf of every element up to the limit, and leaves out the longer ones', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { nonSpaceCount, shortTexts, textOf } = await import('../src/html/dom-utils.js');
    const { root, files } = await samplePages();
    const inline = '<div id="t">  a <b> \u00a0 </b> b\u2003<i>c</i>\n<!-- gone --><span></span>\ufeffd \u3000 <p> </p><p>\te </p></div>';
    let checked = 0;
    for (const dom of ['linkedom', 'jsdom'] as const) {
      for (const html of [...files.map((f) => readFileSync(join(root, f), 'utf8')), `<html><body>${inline}</body></html>`]) {
        const page = parseHtml(html, { dom });
        const texts = shortTexts(page.document, 700);
        for (const el of [page.document.body, ...page.document.querySelectorAll('body *')]) {
          const short = nonSpaceCount(el.textContent ?? '') <= 700;
          expect(texts.get(el)).toBe(short ? textOf(el) : undefined);
          checked++;
        }
        page.close?.();
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // Under an element (which counts itself) and a fragment, and in the same order on both DOMs (leaves first).
    const entries = (dom: 'linkedom' | 'jsdom') => {
      const { document } = parseHtml(`<html><body>${inline}<section><p>x <b>y</b></p><p>${'z'.repeat(800)}</p></section></body></html>`, { dom });
      const fragment = document.createDocumentFragment();
      fragment.append(document.querySelector('section')!.cloneNode(true));
      return [document.querySelector('#t')!, document.querySelector('section')!, fragment].map((root) =>
        [...shortTexts(root, 700)].map(([el, text]) => `${(el as Element).tagName}:${text}`),
      );
    };
    expect(entries('linkedom')).toEqual(entries('jsdom'));
    expect(entries('linkedom')[1]).toEqual(['B:y', 'P:x y']);
  });

  it('collapses whitespace across text nodes and leaves out the ends, with JavaScript\'s \\s', async () => {
    const { textLength, textOf } = await import('../src/html/dom-utils.js');
    const html = '<div id="t">  a <b> \u00a0 </b> b\u2003<i>c</i>\n<!-- gone --><span></span>\ufeffd \u3000 </div>';
    for (const dom of ['linkedom', 'jsdom'] as const) {
      const el = parseHtml(`<html><body>${html}</body></html>`, { dom }).document.getElementById('t')!;
      expect(textOf(el)).toBe('a b c d');
      expect(textLength(el)).toBe(7);
    }
  });
});

describe('nonSpaceCount', () => {
  it("counts what removing JavaScript's \\s leaves", async () => {
    const { nonSpaceCount } = await import('../src/html/dom-utils.js');
    const all = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).join('');
    for (const s of ['', '   ', ' a b ', 'a\u00a0b\u2009c\u3000', all]) expect(nonSpaceCount(s)).toBe(s.replace(/\s+/g, '').length);
  });
});

describe('page facts for the comment finders', () => {
  it('are computed once per element and read again after the page changes only once invalidated', async () => {
    const { Page } = await import('../src/comments/page.js');
    const { textLength } = await import('../src/comments/dom.js');
    const doc = parseHtml('<html><body><div id="c"><p>one two</p></div></body></html>', { dom: 'linkedom' }).document;
    const page = new Page(doc);
    const el = doc.getElementById('c')!;
    let calls = 0;
    const counted = (e: Element) => {
      calls++;
      return textLength(e);
    };
    expect(page.fact(counted, el)).toBe(7);
    expect(page.fact(counted, el)).toBe(7);
    expect(calls).toBe(1);
    el.appendChild(doc.createTextNode(' three'));
    page.invalidate();
    expect(page.fact(counted, el)).toBe(13);
    expect(calls).toBe(2);
  });
});
