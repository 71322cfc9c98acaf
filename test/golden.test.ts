/**
 * Every page in `samples/` against its golden (`<name>.expected.json`). A missing golden fails; so does a
 * changed one, naming the first field that differs. Goldens change only through `npm run golden:update`.
 * HTML pages are checked under both DOMs, against the same golden.
 */
import { describe, expect, it } from 'vitest';
import { DOMS, cleanSample, firstDifference, goldenOf, listSamples, readGolden } from './golden-lib.js';

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
