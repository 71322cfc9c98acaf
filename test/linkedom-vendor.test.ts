/**
 * The linkedom copy bundled at build time (scripts/bundle-linkedom.ts, patches in scripts/linkedom-patches.ts) must
 * behave as linkedom's own: events, tag names, class attributes and lists, attribute names.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/dom/index.js';
import { linkedom, linkedomVendored } from '../src/dom/linkedom-module.js';

const linkedomDir = dirname(createRequire(import.meta.url).resolve('linkedom/package.json'));
const eventTargetSource = readFileSync(join(linkedomDir, 'esm', 'interface', 'event-target.js'), 'utf8');

describe('bundled linkedom', () => {
  it('is the copy declutter parses with (npm test builds it first)', () => {
    expect(linkedomVendored).toBe(true);
    const page = parseHtml('<html><body><p>x</p></body></html>', { dom: 'linkedom' });
    expect(page.document).toBeInstanceOf(linkedom.Document);
  });

  it('delivers events: at the target, bubbling to ancestors, once, removed, stopped', () => {
    const { document } = parseHtml('<html><body><div id="outer"><p id="inner">x</p></div></body></html>', { dom: 'linkedom' });
    const outer = document.getElementById('outer')!;
    const inner = document.getElementById('inner')!;
    const seen: string[] = [];
    const onInner = (e: Event) => seen.push(`inner:${e.type}:${e.eventPhase}`);
    inner.addEventListener('ping', onInner);
    inner.addEventListener('ping', () => seen.push('inner-once'), { once: true });
    outer.addEventListener('ping', (e) => seen.push(`outer:${(e.target as Element).id}`));
    inner.dispatchEvent(new linkedom.Event('ping', { bubbles: true }) as unknown as Event);
    inner.dispatchEvent(new linkedom.Event('ping', { bubbles: false }) as unknown as Event);
    inner.removeEventListener('ping', onInner);
    inner.dispatchEvent(new linkedom.Event('ping', { bubbles: true }) as unknown as Event);
    outer.addEventListener('stop', (e) => seen.push(`outer-stop:${e.type}`));
    inner.addEventListener('stop', (e) => e.stopPropagation());
    inner.dispatchEvent(new linkedom.Event('stop', { bubbles: true }) as unknown as Event);
    expect(seen).toEqual(['inner:ping:2', 'inner-once', 'outer:inner', 'inner:ping:2', 'outer:inner']);
  });

  it('removing a listener from a node that never had one is a no-op, as in linkedom', () => {
    const { document } = parseHtml('<html><body><p>x</p></body></html>', { dom: 'linkedom' });
    expect(() => document.querySelector('p')!.removeEventListener('click', () => {})).not.toThrow();
  });

  it('the build stops when linkedom changes the text a patch replaces', async () => {
    const { applyPatch, patchFor } = await import('../scripts/linkedom-patches.js');
    const patch = patchFor(join(linkedomDir, 'esm', 'interface', 'event-target.js'))!;
    expect(applyPatch(patch, eventTargetSource)).not.toContain('wm.set(this, new Map);\n  }');
    expect(() => applyPatch(patch, eventTargetSource.replace('wm.set(this, new Map);', 'wm.set(this, new Map());'))).toThrow(
      /event-target\.js changed/,
    );
  });

  it('every patch applies to the installed linkedom', async () => {
    const { LINKEDOM_PATCHES, applyPatch, patchFor } = await import('../scripts/linkedom-patches.js');
    for (const patch of LINKEDOM_PATCHES) {
      const path = join(linkedomDir, 'esm', ...patch.file.split('/'));
      expect(patchFor(path)).toBe(patch);
      expect(applyPatch(patch, readFileSync(path, 'utf8'))).not.toBe(readFileSync(path, 'utf8'));
    }
  });
});

describe('bundled linkedom answers as stock linkedom does', () => {
  // Class values with repeats, tabs, newlines, a no-break space (JavaScript's \s, which linkedom splits at),
  // empty and blank; SVG and custom elements; attributes in source order.
  const page = `<!DOCTYPE html><html><head><title>t</title></head><body>
    <div id="a" class="story  story\tlead\nbig" data-x="1" aria-label="y">one</div>
    <p class="">two</p><p class="   ">three</p><span class="a\u00a0b a">four</span>
    <svg viewBox="0 0 1 1" class="icon  icon"><path d="M0 0"/><foreignObject><p class="in svg">x</p></foreignObject></svg>
    <my-widget class="w w" data-k="v"><section class="c">five</section></my-widget>
    <TABLE CLASS="Grid grid"><tr><td class="x">6</td></tr></TABLE>
  </body></html>`;

  const views = (DOMParserClass: typeof linkedom.DOMParser) => {
    const document = new DOMParserClass().parseFromString(page, 'text/html') as unknown as Document;
    const all = [...document.querySelectorAll('*')];
    const read = () =>
      all.map((el) => ({
        tag: el.tagName,
        node: el.nodeName,
        local: el.localName,
        names: [...el.getAttributeNames()],
        cls: el.getAttribute('class'),
        attr: el.getAttributeNode('class')?.value,
        text: el.textContent,
        className: typeof el.className === 'string' ? el.className : '(svg)',
        list: [...el.classList],
        byClass: document.getElementsByClassName('story').length,
      }));
    const before = read();
    // The list is built from the attribute on first use, and edits write back to it.
    for (const el of all) {
      el.classList.add('added');
      el.classList.remove('story');
    }
    return { before, after: read(), html: document.documentElement.outerHTML, xmlTag: xmlTagName(DOMParserClass) };
  };

  const xmlTagName = (DOMParserClass: typeof linkedom.DOMParser) =>
    (new DOMParserClass().parseFromString('<root><Item class="a  a"/></root>', 'text/xml') as unknown as Document).querySelector('Item')
      ?.tagName;

  it('tag names, attribute names, class values and lists, before and after classList edits', async () => {
    const stock = (await import(pathToFileURL(join(linkedomDir, 'esm', 'index.js')).href)) as typeof linkedom;
    expect(stock.DOMParser).not.toBe(linkedom.DOMParser);
    const mine = views(linkedom.DOMParser);
    expect(mine).toEqual(views(stock.DOMParser));
    // The test means something: the page has the cases the patches touch.
    expect(mine.before.find((v) => v.tag === 'DIV')).toMatchObject({ cls: 'story lead big', names: ['id', 'class', 'data-x', 'aria-label'] });
    expect(mine.before.map((v) => v.tag)).toContain('MY-WIDGET');
    expect(mine.xmlTag).toBe('Item');
  });

  it('getAttributeNames gives a plain array', () => {
    const document = new linkedom.DOMParser().parseFromString('<html><body><p id="x" class="y">z</p></body></html>', 'text/html');
    const names = document.querySelector('p')!.getAttributeNames();
    expect(Object.getPrototypeOf(names)).toBe(Array.prototype);
    expect(names).toEqual(['id', 'class']);
  });
});

describe('the fork, one test per patch', () => {
  const vendoredSource = readFileSync(new URL('../dist/vendor/linkedom.js', import.meta.url), 'utf8');
  /** Whether linkedom has built the element's DOMTokenList (held under its `classList` symbol). */
  const hasTokenList = (el: Element) =>
    Object.getOwnPropertySymbols(el).some((s) => s.description === 'classList' && (el as unknown as Record<symbol, unknown>)[s] != null);

  it('is versioned against the pinned linkedom and names its licences', async () => {
    const { LINKEDOM_FORK } = await import('../scripts/linkedom-patches.js');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const installed = JSON.parse(readFileSync(join(linkedomDir, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.dependencies.linkedom).toBe(LINKEDOM_FORK.linkedom);
    expect(installed.version).toBe(LINKEDOM_FORK.linkedom);
    expect(vendoredSource.split('\n', 1)[0]).toContain(`linkedom ${LINKEDOM_FORK.linkedom} (ISC`);
    expect(vendoredSource.split('\n', 1)[0]).toContain(`declutter fork r${LINKEDOM_FORK.revision}`);
    expect(readFileSync(new URL('../THIRD_PARTY_NOTICES', import.meta.url), 'utf8')).toContain(`linkedom ${LINKEDOM_FORK.linkedom} (ISC)`);
  });

  it('event-target.js: no listener map until the first addEventListener (stock makes one per node)', () => {
    // The map lives in a module WeakMap; what shows is that a listener added later still fires (above) and that
    // the constructor no longer touches it: the stock text is gone from the bundle, the patched one is in.
    expect(vendoredSource).not.toMatch(/constructor\(\) \{\s*wm\.set\(this,/);
    expect(vendoredSource).toMatch(/if \(!map\)\s*wm\.set\(this, map = (\/\* @__PURE__ \*\/ )?new Map/);
  });

  it('parse-from-string.js: a parsed class attribute is normalised without building a DOMTokenList', async () => {
    const stock = (await import(pathToFileURL(join(linkedomDir, 'esm', 'index.js')).href)) as typeof linkedom;
    const html = '<html><body><p class="a  b a">x</p></body></html>';
    const mine = new linkedom.DOMParser().parseFromString(html, 'text/html').querySelector('p')!;
    const theirs = new stock.DOMParser().parseFromString(html, 'text/html').querySelector('p')!;
    expect(mine.getAttributeNode('class')!.value).toBe('a b');
    expect(theirs.getAttributeNode('class')!.value).toBe('a b');
    // Stock linkedom builds the token list while parsing; the fork only once asked.
    expect(hasTokenList(theirs as unknown as Element)).toBe(true);
    expect(hasTokenList(mine)).toBe(false);
    mine.classList.add('c');
    expect(mine.getAttribute('class')).toBe('a b c');
  });

  it('utils.js: tag names are upper-cased for HTML, kept for XML, past the cache bound too', () => {
    const names = Array.from({ length: 1100 }, (_, i) => `x-tag${i}`);
    const document = new linkedom.DOMParser().parseFromString(`<html><body>${names.map((n) => `<${n}></${n}>`).join('')}</body></html>`, 'text/html');
    const tags = [...document.body.children].map((el) => el.tagName);
    expect(tags).toEqual(names.map((n) => n.toUpperCase()));
    expect(tags.map((t, i) => document.body.children[i]!.nodeName === t).every(Boolean)).toBe(true);
    expect(new linkedom.DOMParser().parseFromString('<root><Item/></root>', 'text/xml').querySelector('Item')!.tagName).toBe('Item');
  });

  it('element.js: textContent concatenates the text and CDATA of the subtree in order', () => {
    const document = new linkedom.DOMParser().parseFromString('<html><body><div>a<b>b<i>c</i></b><!--x-->d</div></body></html>', 'text/html');
    expect(document.querySelector('div')!.textContent).toBe('abcd');
    expect(document.querySelector('i')!.textContent).toBe('c');
    expect(document.createElement('p').textContent).toBe('');
  });

  it('element.js: className is read from the attribute, without building a DOMTokenList', async () => {
    const stock = (await import(pathToFileURL(join(linkedomDir, 'esm', 'index.js')).href)) as typeof linkedom;
    const make = (P: typeof linkedom.DOMParser) =>
      new P().parseFromString('<html><body><p class=" one\ttwo  one ">x</p></body></html>', 'text/html').querySelector('p')!;
    const mine = make(linkedom.DOMParser);
    const theirs = make(stock.DOMParser) as unknown as Element;
    expect(hasTokenList(mine)).toBe(false);
    expect(mine.className).toBe('one two');
    expect(theirs.className).toBe('one two');
    expect(mine.getAttribute('class')).toBe('one two');
    // Read, and read again: still no token list (stock linkedom answers from one).
    expect(mine.className).toBe('one two');
    expect(hasTokenList(mine)).toBe(false);
    mine.classList.remove('one');
    expect(mine.className).toBe('two');
    mine.removeAttribute('class');
    expect(mine.className).toBe('');
  });

  it('document.js: the nodes of a cloned document belong to the clone, which the cleaner can strip like the original', async () => {
    const stock = (await import(pathToFileURL(join(linkedomDir, 'esm', 'index.js')).href)) as typeof linkedom;
    const html = '<!doctype html><html><head><title>t</title></head><body><nav><a href="/">Home</a></nav><p hidden>x</p><p>y</p></body></html>';
    const original = new linkedom.DOMParser().parseFromString(html, 'text/html');
    const copy = original.cloneNode(true) as typeof original;
    const p = copy.querySelector('p')!;
    expect(p.ownerDocument).toBe(copy);
    expect(p.isConnected).toBe(true);
    expect(copy.body.outerHTML).toBe(original.body.outerHTML);
    // The copy is its own tree: taking a node out of it leaves the original whole, and the reverse.
    p.remove();
    expect(p.isConnected).toBe(false);
    expect(original.querySelectorAll('p')).toHaveLength(2);
    expect(copy.querySelectorAll('p')).toHaveLength(1);
    // Stock linkedom leaves the copies in the original document: connected to nothing.
    const theirs = (new stock.DOMParser().parseFromString(html, 'text/html').cloneNode(true) as Document).querySelector('p')!;
    expect(theirs.isConnected).toBe(false);
  });

  it("index.js: the document-order links are exported: from an element to its end, its attributes, then its subtree's nodes in order", () => {
    const { nextNodeSymbol: NEXT, endNodeSymbol: END } = linkedom as unknown as { nextNodeSymbol: symbol; endNodeSymbol: symbol };
    expect(typeof NEXT).toBe('symbol');
    expect(typeof END).toBe('symbol');
    const document = new linkedom.DOMParser().parseFromString('<html><body><div id="d" class="c">a<b>b<i>c</i></b><!--x--><p></p></div></body></html>', 'text/html');
    type Linked = { nodeType: number; nodeName: string } & Record<symbol, Linked>;
    const div = document.querySelector('div') as unknown as Linked;
    const seen: string[] = [];
    for (let n = div[NEXT]; n !== div[END]; n = n[NEXT]) seen.push(`${n.nodeType}:${n.nodeName}`);
    // Attributes, then the children with each element's subtree and end marker (node type -1, no name) in place.
    expect(seen).toEqual(['2:id', '2:class', '3:#text', '1:B', '3:#text', '1:I', '3:#text', '-1:undefined', '-1:undefined', '8:#comment', '1:P', '-1:undefined']);
  });

  it('matches.js: a kept selector answers for the tree as it is at each call, as stock linkedom compiling anew does', async () => {
    const stock = (await import(pathToFileURL(join(linkedomDir, 'esm', 'index.js')).href)) as typeof linkedom;
    const run = (P: typeof linkedom.DOMParser) => {
      const document = new P().parseFromString('<html><body><div><p><a href="/x">x</a></p><p>hi <b>b</b></p></div></body></html>', 'text/html');
      const div = document.querySelector('div')!;
      const seen: unknown[] = [];
      const ask = () => {
        for (const s of ['p:has(a)', 'div p:contains(hi)', 'p, b', ':scope > p', 'P'])
          seen.push(div.querySelectorAll(s).length, div.querySelector(s)?.textContent ?? null);
        seen.push(document.querySelector('b')!.closest('p:contains(hi)')?.textContent ?? null);
        seen.push(String((() => { try { return div.querySelectorAll('p:bogus(').length; } catch (e) { return (e as Error).name; } })()));
      };
      ask();
      document.querySelector('a')!.remove();
      document.querySelectorAll('p')[1]!.firstChild!.nodeValue = 'bye ';
      div.append(document.createElement('p'));
      ask();
      return seen;
    };
    const mine = run(linkedom.DOMParser);
    expect(mine).toEqual(run(stock.DOMParser));
    // The second round sees the removal and the new text.
    expect(mine.slice(0, 2)).toEqual([1, 'x']);
    expect(mine[mine.length / 2]).toBe(0);
  });

  it('css-style-declaration.js: style properties read and write as in stock linkedom, past the name cache bound too', async () => {
    const stock = (await import(pathToFileURL(join(linkedomDir, 'esm', 'index.js')).href)) as typeof linkedom;
    const names = ['display', 'visibility', 'backgroundColor', 'WebkitTransform', 'fontSize2x', 'border-top', ...Array.from({ length: 1100 }, (_, i) => `x${i}Name`)];
    const run = (P: typeof linkedom.DOMParser) => {
      const document = new P().parseFromString('<html><body><p style="display: none; background-color: red; -webkit-transform: x">x</p></body></html>', 'text/html');
      const style = document.querySelector('p')!.style as unknown as Record<string, string>;
      const seen = names.map((n) => style[n]);
      style.fontSize = '2em';
      style.borderTopWidth = '1px';
      style.display = null as unknown as string;
      seen.push(document.querySelector('p')!.getAttribute('style')!, style.fontSize!, style.display!);
      return seen;
    };
    const mine = run(linkedom.DOMParser);
    expect(mine).toEqual(run(stock.DOMParser));
    expect(mine.slice(0, 3)).toEqual(['none', '', 'red']);
  });

  it('nothing patches linkedom at run time: the installed package keeps its own className', async () => {
    parseHtml('<html><body><p class="a">x</p></body></html>', { dom: 'linkedom' });
    const stock = (await import('linkedom')) as typeof linkedom;
    const el = new stock.DOMParser().parseFromString('<html><body><p>x</p></body></html>', 'text/html').querySelector('p')!;
    let proto: object | null = Object.getPrototypeOf(el);
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'className')) proto = Object.getPrototypeOf(proto);
    expect(String(Object.getOwnPropertyDescriptor(proto!, 'className')!.get)).toContain('this.classList.value');
  });
});
