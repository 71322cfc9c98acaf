/**
 * The real-page regression cases (test/regress/, made by `npm run regress -- new`): each page's body text,
 * title, authors, dates, language and comment count must stay what was last reviewed. A change shows as a
 * failing case; after reading it, `npm run regress -- update <case>` writes the new expectation.
 */
import { describe, expect, it } from 'vitest';
import { expectedOf, listCases, readExpected, runCase } from './regress-lib.js';

const cases = listCases();

describe('real-page regression cases', () => {
  it('has at least 30 cases, each with its origin and licence', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      expect(c.info.origin, c.name).toBeTruthy();
      expect(c.info.licence, c.name).toBeTruthy();
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const want = readExpected(c);
    expect(want, `${c.name} has no expected files: npm run regress -- update ${c.name}`).toBeDefined();
    const got = expectedOf(await runCase(c));
    expect(got.meta).toEqual(want!.meta);
    expect(got.text).toBe(want!.text);
  });
});
