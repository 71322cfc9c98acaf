/**
 * The linkedom copy bundled at build time (src/dom/bundle-linkedom.ts) makes a node's listener map on the first
 * addEventListener instead of in every constructor. Events must behave as linkedom's own do.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/dom/index.js';
import { linkedom, linkedomVendored } from '../src/dom/linkedom-module.js';

const eventTargetSource = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('linkedom/package.json')), 'esm', 'interface', 'event-target.js'),
  'utf8',
);

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

  it('the build stops when linkedom changes the text the patch replaces', async () => {
    const { patchEventTarget } = await import('../src/dom/bundle-linkedom-patch.js');
    expect(patchEventTarget(eventTargetSource)).not.toContain('wm.set(this, new Map);\n  }');
    expect(() => patchEventTarget(eventTargetSource.replace('wm.set(this, new Map);', 'wm.set(this, new Map());'))).toThrow(
      /event-target\.js changed/,
    );
  });
});
