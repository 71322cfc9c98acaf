import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectRuleStats, formatStatsReport } from '../src/cli/rule-tools/stats.js';

const tmp = mkdtempSync(join(tmpdir(), 'declutter-stats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ROOT = join(import.meta.dirname, '..');
const sample = (path: string) => ({ id: path, html: new Uint8Array(readFileSync(join(ROOT, path))) });

const PARAS = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: the council voted on Tuesday to rebuild the harbour wall after the storms broke it.</p>`).join('');
/** An outlet rule written for an old layout: its container is gone, and its promo selector now matches the new article wrapper. */
function redesignedOutlet(): string {
  const dir = join(tmp, 'rules', 'outlets');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'gazette.example.yaml'),
    ['id: gazette.example', 'kind: outlet', 'hosts: [gazette.example]', 'content: [div.old-story-body]', 'remove:', '  - category: promo', '    name: promo', '    selectors: [.promo]', ''].join('\n'),
  );
  return join(tmp, 'rules');
}

describe('rules stats', () => {
  it('counts what each rule did over a batch, and lists the rules that never fired', async () => {
    const report = await collectRuleStats([sample('samples/apnews.com/fact-check.html'), sample('samples/apnews.com/fact-check.html'), sample('samples/consent/onetrust.html')]);
    expect(report.pages).toBe(3);
    const ap = report.rules.find((r) => r.id === 'apnews.com')!;
    expect(ap).toMatchObject({ applied: 2, fired: 2, contentFound: 2, contentMissed: 0 });
    expect(ap.items.find((i) => i.item === 'apnews.com#read-more')).toMatchObject({ pages: 2 });
    expect(report.rules.find((r) => r.id === 'onetrust')).toMatchObject({ applied: 1, fired: 1 });
    expect(report.neverFired).toContain('theguardian.com');
    expect(report.neverFired).not.toContain('apnews.com');
  });

  it('flags pages where an outlet redesign broke a rule', async () => {
    const html = `<!doctype html><html><head><link rel="canonical" href="https://gazette.example/a"></head><body>
      <div class="promo new-article">${PARAS}</div><nav><a href="/">Home</a></nav></body></html>`;
    const report = await collectRuleStats([{ id: 'a.html', html }], { rulesDirs: [redesignedOutlet()] });
    const reasons = report.heavy.filter((h) => h.rule === 'gazette.example').map((h) => h.reason).sort();
    expect(reasons).toEqual(['content-missed', 'removed-share']);
    expect(report.heavy.find((h) => h.reason === 'removed-share')!.share).toBeGreaterThan(0.9);
    const text = formatStatsReport(report);
    expect(text).toMatch(/gazette\.example: content selectors matched nothing on a\.html/);
    expect(text).toMatch(/gazette\.example: removal selectors cover \d+% of the text of a\.html/);
  });
});
