/**
 * The page-wide reads that follow linkedom's document-order node list (src/dom/select.ts, endOf): the paragraph
 * text of the language guess and the depth check give on a linkedom page what the walks by children give on the
 * same page parsed by jsdom, on the bundled samples and after the tree has changed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/dom/index.js';
import { endOf } from '../src/dom/select.js';
import { boundDepth } from '../src/html/flatten.js';
import { paragraphText } from '../src/html/lang.js';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const samples = readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
const both = (html: string) => (['linkedom', 'jsdom'] as const).map((dom) => parseHtml(html, { dom }).document);

/** Nested divs, `depth` levels under the body, with a paragraph at the bottom, after a few shallow elements. */
const nested = (depth: number) =>
  `<!doctype html><html><body><p>One.</p><p>Two <b>bold</b>.</p><div><span>Three.</span></div>${'<div>'.repeat(depth)}<p id="deep">Deep text here.</p>${'</div>'.repeat(depth)}<p>Shallow text.</p></body></html>`;

describe('reads along the node list', () => {
  it('takes the node list on linkedom pages (the build bundles the fork that exposes it)', () => {
    const [linked, spec] = both(nested(3));
    expect(endOf(linked!.body)).toBeDefined();
    expect(endOf(spec!.body)).toBeUndefined();
  });

  it('paragraph text agrees with jsdom on every sample page', () => {
    expect(samples.length).toBeGreaterThan(10);
    for (const f of samples) {
      const [linked, spec] = both(readFileSync(join(SAMPLES, f), 'utf8'));
      for (const max of [0, 300, 4000, 1e9]) expect(paragraphText(linked!, max), `${f} ${max}`).toBe(paragraphText(spec!, max));
    }
  });

  it('read the tree as it is after elements are removed, moved and added', () => {
    for (const f of samples.slice(0, 6)) {
      const docs = both(readFileSync(join(SAMPLES, f), 'utf8'));
      for (const doc of docs) {
        const ps = [...doc.querySelectorAll('p')];
        ps[0]?.remove();
        if (ps[2] && ps[4]) ps[4].append(ps[2]);
        const added = doc.createElement('p');
        added.textContent = 'A paragraph added after the parse, with words enough to be read.';
        doc.body.prepend(added);
      }
      const [linked, spec] = docs;
      expect(paragraphText(linked!, 1e9)).toBe(paragraphText(spec!, 1e9));
      expect(paragraphText(linked!, 1e9)).toContain('A paragraph added after the parse');
    }
  });

  it('the depth check flattens a page only past its limit, as the walk by children does', () => {
    for (const [depth, limit] of [
      [10, 10],
      [10, 9],
      [30, 12],
    ] as const) {
      const flattened = both(nested(depth)).map((doc) => boundDepth(doc, limit));
      expect(flattened[0], `${depth} levels, limit ${limit}`).toBe(flattened[1]);
      // The paragraph is one level below the divs: the page is deeper than the limit when depth + 1 > limit.
      expect(flattened[0]! > 0).toBe(depth + 1 > limit);
    }
  });

  it('the depth check counts an element added deep after the parse', () => {
    const docs = both(nested(8));
    for (const doc of docs) {
      let deepest = doc.querySelector('#deep')!;
      for (let i = 0; i < 4; i++) deepest = deepest.appendChild(doc.createElement('span'));
    }
    // 8 divs, the paragraph and 4 spans: 13 levels.
    expect(docs.map((doc) => boundDepth(doc, 12) > 0)).toEqual([true, true]);
    expect(docs.map((doc) => boundDepth(doc, 13))).toEqual([0, 0]);
  });
});
