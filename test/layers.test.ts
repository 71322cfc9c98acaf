/**
 * The layers point one way: the input readers and the library never import the CLI or the cleaner's entry
 * module from below, build scripts stay out of src/, and index.ts exports the public API only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const SRC = resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The src-relative paths a module imports (static and dynamic), `.js` written as in the source. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\\/g, '/'));
}

describe('layers', () => {
  const files = sources(SRC);

  it('input/ imports neither clean.ts nor the CLI', () => {
    const input = files.filter((f) => relative(SRC, f).startsWith('input'));
    expect(input.length).toBeGreaterThan(3);
    const bad = input.flatMap((f) => importsOf(f).filter((i) => i === 'clean.js' || i.startsWith('cli/')).map((i) => `${relative(SRC, f)} -> ${i}`));
    expect(bad).toEqual([]);
  });

  it('the library never imports the CLI (the rule tools live there); the queue worker, an application, may', () => {
    const bad = files
      .filter((f) => !/^(cli|queue)\//.test(relative(SRC, f)))
      .flatMap((f) => importsOf(f).filter((i) => i.startsWith('cli/')).map((i) => `${relative(SRC, f)} -> ${i}`));
    expect(bad).toEqual([]);
    expect(files.some((f) => relative(SRC, f).startsWith('cli/rule-tools/'))).toBe(true);
  });

  it('build scripts are not part of the library', () => {
    const text = files.map((f) => readFileSync(f, 'utf8'));
    expect(text.some((t) => /from 'esbuild'/.test(t))).toBe(false);
  });

  it('index.ts exports the public API only', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['CATEGORIES', 'DeclutterError', 'ERROR_CODES', 'OptionError', 'RuleError', 'clean', 'cleanStream', 'createCleaner', 'decodeHtml', 'explain', 'isErrorCode'].sort(),
    );
  });
});
