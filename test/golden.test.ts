/**
 * Every page in `samples/` against its golden (`<name>.expected.json`). A missing golden fails; so does a
 * changed one, naming the first field that differs. Goldens change only through `npm run golden:update`.
 * HTML pages are checked under both DOMs, against the same golden.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMS, cleanSample, firstDifference, goldenOf, listSamples, readGolden, sampleUrl } from './golden-lib.js';

const samples = listSamples();

describe('golden outputs of samples/', () => {
  it('has samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });

  for (const sample of samples) {
    const doms = sample.kind === 'html' ? DOMS : (['linkedom'] as const);
    for (const dom of doms) {
      it(`${sample.name}${sample.kind === 'html' ? ` (${dom})` : ''}`, async () => {
        const golden = readGolden(sample);
        if (!golden) {
          expect.fail(`no golden for ${sample.name}: write one with \`npm run golden:update\` and review it before committing`);
        }
        const actual = goldenOf(await cleanSample(sample, dom));
        const diff = firstDifference(golden, actual);
        if (diff) expect.fail(`${sample.name}${sample.kind === 'html' ? ` (${dom})` : ''} differs from its golden at ${diff}\n(if the change is intended: npm run golden:update)`);
      });
    }
  }
});

describe('golden diff', () => {
  it('names the first differing paragraph of the text', () => {
    const d = firstDifference({ text: 'a\n\nb\n\nc' }, { text: 'a\n\nB\n\nc' });
    expect(d).toContain('paragraph 2');
    expect(d).toContain('"b"');
    expect(d).toContain('"B"');
  });

  it('names a missing or extra field and list length', () => {
    expect(firstDifference({ title: 'x', removed: [] }, { removed: [] })).toContain('title');
    expect(firstDifference({ removed: [{ category: 'a' }] }, { removed: [] })).toMatch(/removed\[0\][\s\S]*1 expected, 0 actual/);
    expect(firstDifference({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toBeUndefined();
  });
});

describe('golden harness on an HTML sample', () => {
  it('lists it with its golden path and URL, and cleans it to the same golden under both DOMs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'declutter-samples-'));
    try {
      const paragraphs = [
        'The harbour authority said on Monday that the old ferry terminal will close at the end of the month after ninety years of service to the island.',
        'Passengers will use the new terminal on the north quay, which opened in the spring after two years of building work and several delays.',
        'Local traders said they feared losing the foot traffic the old terminal brought to the high street, and asked the council for help.',
      ];
      const html = `<!-- url: https://news.example.com/local/ferry-terminal -->
<html><head><title>Ferry terminal to close</title></head><body>
<article><h1>Ferry terminal to close</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
</body></html>`;
      writeFileSync(join(dir, 'ferry.html'), html);
      const [sample] = listSamples(dir);
      expect(sample).toMatchObject({ kind: 'html', goldenPath: join(dir, 'ferry.expected.json') });
      expect(sampleUrl(html)).toBe('https://news.example.com/local/ferry-terminal');
      const [a, b] = await Promise.all(DOMS.map(async (dom) => goldenOf(await cleanSample(sample!, dom))));
      for (const p of paragraphs) expect(a!.text).toContain(p);
      expect(firstDifference(a, b)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
