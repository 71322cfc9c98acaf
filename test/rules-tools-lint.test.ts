import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLintMessage, lintRules, selectorProblem } from '../src/cli/rule-tools/lint.js';

const tmp = mkdtempSync(join(tmpdir(), 'declutter-lint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A rules folder with the given files, under a fresh root. */
function rulesDir(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name, 'rules');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('rules lint', () => {
  it('passes on the bundled rules', () => {
    const report = lintRules();
    expect(report.files).toBeGreaterThan(10);
    expect(report.messages.map(formatLintMessage)).toEqual([]);
  });

  it('names file, line and field for schema errors, bad selectors, duplicates and dangling references', () => {
    const dir = rulesDir('bad', {
      'outlets/a.example.yaml': [
        'id: a.example',
        'kind: outlet',
        'hosts: [a.example]',
        'content:',
        "  - 'div.body'",
        "  - 'div[class='",
        'remove:',
        '  - category: share',
        '    selectors: [".share"]',
        'disable: [generic#nothing-by-this-name]',
        'checks:',
        '  - file: samples/a.example/missing.html',
        '    contains: [Some text]',
        '',
      ].join('\n'),
      'outlets/b.example.yaml': ['id: a.example', 'kind: outlet', 'hosts: [a.example]', ''].join('\n'),
      'outlets/c.example.yaml': ['id: c.example', 'kind: outlet', 'hosts: [c.example]', 'remove:', '  - category: shares', '    selectors: [.x]', ''].join('\n'),
      'outlets/d.example.yaml': ['id: d.example', 'kind: outlet', 'hosts: [d.example]', 'colour: red', ''].join('\n'),
      'outlets/e.example.yaml': ['id: e.example', 'kind: outlet', 'hosts: [e.example', ''].join('\n'),
    });
    const lines = lintRules({ dirs: [dir] }).messages.map(formatLintMessage);
    const has = (re: RegExp) => expect(lines.some((l) => re.test(l)), `${re} in\n${lines.join('\n')}`).toBe(true);
    has(/^rules\/outlets\/a\.example\.yaml:6 \(field content\.1\): selector "div\[class=" does not parse/);
    has(/^rules\/outlets\/a\.example\.yaml:10 \(field disable\.0\): disables "generic#nothing-by-this-name"/);
    has(/^rules\/outlets\/a\.example\.yaml:12 \(field checks\.0\.file\): sample file samples\/a\.example\/missing\.html does not exist/);
    has(/^rules\/outlets\/b\.example\.yaml:1 \(field id\): duplicate id "a\.example" \(also in rules\/outlets\/a\.example\.yaml\)/);
    has(/^rules\/outlets\/b\.example\.yaml:3 \(field hosts\.0\): duplicate host "a\.example"/);
    has(/^rules\/outlets\/c\.example\.yaml:5 \(field remove\.0\.category\): must be one of: paywall, /);
    has(/^rules\/outlets\/d\.example\.yaml:4 \(field colour\): unknown field "colour"/);
    has(/^rules\/outlets\/e\.example\.yaml:\d+: YAML syntax error/);
  });

  it('asks platform rules for fingerprints and outlet rules for hosts', () => {
    const dir = rulesDir('kinds', {
      'platforms/p.yaml': ['id: p', 'kind: platform', 'remove:', '  - category: ad', '    tokens: [promo]', ''].join('\n'),
      'outlets/o.yaml': ['id: o', 'kind: outlet', 'content: [article]', ''].join('\n'),
    });
    const lines = lintRules({ dirs: [dir] }).messages.map(formatLintMessage);
    expect(lines).toContain('rules/platforms/p.yaml:2 (field kind): a platform rule needs `fingerprints` (it is matched by markup, not by host)');
    expect(lines).toContain('rules/outlets/o.yaml:2 (field kind): an outlet rule needs `hosts`');
  });

  it('tries selectors under both DOMs', () => {
    expect(selectorProblem('article p:has(> a > strong)')).toBeUndefined();
    // css-select (linkedom) refuses pseudo-elements that jsdom accepts.
    expect(selectorProblem('p::before')).toMatch(/does not parse in linkedom/);
    expect(selectorProblem('a >> b')).toMatch(/does not parse/);
  });
});
