import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean, createCleaner, RuleError } from '../src/index.js';
import type { PageInput } from '../src/index.js';

describe('bad input gives a clear error or an empty result with a reason', () => {
  it('empty input', async () => {
    for (const page of [{ html: '' }, { html: '   \n ' }, { text: '' }, {}] as PageInput[]) {
      const r = await clean({ id: 'e', ...page });
      expect(r.error?.code).toBe('EMPTY_INPUT');
      expect(r.id).toBe('e');
      expect(r.text).toBe('');
    }
  });

  it('binary garbage', async () => {
    let seed = 7;
    const bytes = Uint8Array.from({ length: 50_000 }, () => (seed = (seed * 1103515245 + 12345) & 0xff));
    const r = await clean({ id: 'bin', html: bytes });
    expect(r.error?.code).toBe('BINARY_INPUT');
  });

  it('a page with no article gives an empty body and a warning', async () => {
    const r = await clean({ html: '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>' });
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('');
    expect(r.warnings.join(' ')).toMatch(/no article/);
  });

  it('a 30 MB page is refused with TOO_LARGE, quickly', async () => {
    const big = `<html><body>${'<p>filler text for a very large page.</p>'.repeat(800_000)}</body></html>`;
    expect(big.length).toBeGreaterThan(30_000_000);
    const r = await clean({ id: 'big', html: big });
    expect(r.error?.code).toBe('TOO_LARGE');
    expect(r.error?.message).toMatch(/MB/);
  });

  it('a page that is not an object or has a wrong html type', async () => {
    const r1 = await clean(42 as unknown as PageInput);
    expect(r1.error?.code).toBe('INVALID_INPUT');
    const r2 = await clean({ id: 'x', html: 42 as unknown as string });
    expect(r2.error?.code).toBe('INVALID_INPUT');
  });

  it('a rule file with a typo fails at load, naming file, line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'declutter-rules-'));
    mkdirSync(join(dir, 'outlets'));
    writeFileSync(
      join(dir, 'outlets', 'example.com.yaml'),
      ['id: example.com', 'kind: outlet', 'hosts: [example.com]', 'remove:', '  - category: promo', '    selecters: [".promo"]', ''].join('\n'),
    );
    let err: unknown;
    try {
      createCleaner({ rulesDirs: [dir] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleError);
    const e = err as RuleError;
    expect(e.code).toBe('RULE_INVALID');
    expect(e.file).toMatch(/example\.com\.yaml$/);
    expect(e.line).toBe(6);
    expect(e.field).toBe('remove.0.selecters');
    expect(e.message).toMatch(/unknown field "selecters"/);
  });

  it('a rule file with a wrong category names the allowed ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'declutter-rules-'));
    writeFileSync(join(dir, 'x.yaml'), 'id: x\nkind: generic\nremove:\n  - category: promos\n    selectors: [".p"]\n');
    expect(() => createCleaner({ rulesDirs: [dir] })).toThrow(/x\.yaml:4 \(field remove\.0\.category\): must be one of: paywall/);
  });

  it('YAML syntax errors name the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'declutter-rules-'));
    writeFileSync(join(dir, 'y.yaml'), 'id: y\nkind: generic\nremove: [\n  - oops\n');
    expect(() => createCleaner({ rulesDirs: [dir] })).toThrow(/y\.yaml:\d+: YAML syntax error/);
  });
});
