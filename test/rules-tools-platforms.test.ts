/**
 * Platform rules are matched by fingerprints, not hosts: each one must be recognised on its sample page
 * and be the rule that removes its vendor's markup there. (Their `checks` prove the body; this proves the
 * removal is the platform rule's doing, not a generic layer's.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCleaner } from '../src/clean.js';
import { loadRules } from '../src/rules/load.js';

const ROOT = join(import.meta.dirname, '..');
const cleaner = createCleaner();
const OWN = ['arc-xp', 'consent-other', 'cxense', 'didomi', 'evolok', 'laterpay', 'newsletter-widgets', 'onetrust', 'pelcro', 'piano', 'poool', 'quantcast-choice', 'sourcepoint', 'wordpress', 'wordpress-paywalls', 'zephr'];

describe('platform rules on their samples', () => {
  const rules = loadRules().platforms.filter((r) => OWN.includes(r.id));
  it('are all bundled, with checks', () => {
    expect(rules.map((r) => r.id).sort()).toEqual([...OWN].sort());
    for (const r of rules) expect(r.checks?.length, r.id).toBeGreaterThan(0);
  });

  for (const id of OWN) {
    it(`${id}: recognised by its fingerprints and removes its own markup`, async () => {
      const rule = rules.find((r) => r.id === id)!;
      for (const check of rule.checks ?? []) {
        const result = await cleaner.clean({ html: readFileSync(join(ROOT, check.file)) });
        expect(result.rules).toContain(id);
        expect(result.removed.some((r) => r.rule.startsWith(`${id}#`)), `${id} removed nothing on ${check.file}`).toBe(true);
      }
    });
  }

  it('a platform rule does not apply to a page without its fingerprints', async () => {
    const html = readFileSync(join(ROOT, 'samples/consent/onetrust.html'), 'utf8');
    const bare = html.replace(/<script[^>]*cookielaw[^>]*><\/script>/, '').replace(/<div id="onetrust-consent-sdk">[\s\S]*?<\/div><\/div>/, '');
    const result = await cleaner.clean({ html: bare });
    expect(result.rules).not.toContain('onetrust');
  });

  it('paywall vendors give the access state their gate means', async () => {
    const state = async (file: string) => (await cleaner.clean({ html: readFileSync(join(ROOT, file)) })).access;
    // An offer template on a full article: Piano is on the page, the article is free.
    expect((await state('samples/piano/metered.html')).state).toBe('free');
    expect((await state('samples/wordpress-paywalls/gated.html')).state).toBe('subscription');
    expect((await state('samples/evolok/article.html')).state).toBe('registration');
  });
});
