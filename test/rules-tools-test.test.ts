import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTestReport, testRules } from '../src/cli/rule-tools/test.js';

const tmp = mkdtempSync(join(tmpdir(), 'declutter-rules-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PAGE = `<!doctype html><html><head><title>Harbour</title><link rel="canonical" href="https://www.harbour.example/story"></head>
<body><nav><a href="/">Home</a></nav><div class="story"><h1>Harbour wall to be rebuilt</h1>
<p>The council voted on Tuesday to rebuild the harbour wall after the winter storms broke it in three places.</p>
<div class="promo-box">Subscribe to the Harbour Gazette for one pound a week</div>
<p>Engineers said the work would take two summers and cost more than the town had set aside for repairs.</p>
<p>Fishermen asked for a temporary pier while the builders are at work on the north end of the quay.</p></div>
<aside class="teasers"><a href="/x">Five harbour walks</a></aside></body></html>`;

function fixture(name: string, rule: string): string {
  const root = join(tmp, name);
  mkdirSync(join(root, 'rules', 'outlets'), { recursive: true });
  mkdirSync(join(root, 'samples', 'harbour.example'), { recursive: true });
  writeFileSync(join(root, 'samples', 'harbour.example', 'story.html'), PAGE);
  writeFileSync(join(root, 'rules', 'outlets', 'harbour.example.yaml'), rule);
  return join(root, 'rules');
}

const RULE = (checks: string) => `id: harbour.example
kind: outlet
hosts: [harbour.example]
content: [div.story]
remove:
  - category: promo
    selectors: [.promo-box]
checks:
${checks}`;

describe('rules test', () => {
  it('passes on the bundled rules', async () => {
    const report = await testRules();
    expect(report.rules.length).toBeGreaterThanOrEqual(16);
    expect(formatTestReport(report)).toMatch(/ 0 failed$/);
  }, 60_000);

  it('passes a rule whose checks hold, found by the page’s canonical link', async () => {
    const dir = fixture('good', RULE(`  - file: samples/harbour.example/story.html
    contains: [The council voted on Tuesday, "on the north end of the quay."]
    excludes: [Subscribe to the Harbour Gazette]`));
    const report = await testRules({ dirs: [dir] });
    expect(report.rules).toEqual([expect.objectContaining({ id: 'harbour.example', ok: true })]);
  });

  it('reports each failing expectation of a check', async () => {
    const dir = fixture('bad', RULE(`  - file: samples/harbour.example/story.html
    contains: [This sentence is not on the page]
    excludes: [Engineers said the work would take two summers]
    title: Some other title`));
    const report = await testRules({ dirs: [dir] });
    const failures = report.rules[0]!.checks[0]!.failures;
    expect(failures).toEqual([
      'body lacks: "This sentence is not on the page"',
      'body still has: "Engineers said the work would take two summers"',
      'title is "Harbour wall to be rebuilt", expected "Some other title"',
    ]);
    expect(report.failed).toBe(1);
  });

  it('fails an unconfirmed check with what to fill in, even when its text matches', async () => {
    const dir = fixture('unconfirmed', RULE(`  - file: samples/harbour.example/story.html
    unconfirmed: true
    contains: [The council voted on Tuesday]`));
    const report = await testRules({ dirs: [dir] });
    expect(report.rules[0]!.ok).toBe(false);
    expect(report.rules[0]!.checks[0]!.failures[0]).toMatch(/^unconfirmed: open samples\/harbour\.example\/story\.html, .*delete `unconfirmed: true`$/);
  });

  it('says when the rule did not apply to its sample', async () => {
    const dir = fixture('elsewhere', RULE(`  - file: samples/harbour.example/story.html
    url: https://other.example/story
    contains: [The council voted on Tuesday]`));
    const report = await testRules({ dirs: [dir] });
    expect(report.rules[0]!.checks[0]!.failures.join('\n')).toMatch(/rule harbour\.example did not apply to the page/);
  });

  it('tests only the ids asked for, and names unknown ones', async () => {
    const report = await testRules({ ids: ['apnews.com', 'no-such-rule'] });
    expect(report.rules.map((r) => r.id)).toEqual(['apnews.com']);
    expect(report.unknownIds).toEqual(['no-such-rule']);
    expect(formatTestReport(report)).toMatch(/FAIL no-such-rule: no rule file has this id/);
  });
});
