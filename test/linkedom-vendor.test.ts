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
