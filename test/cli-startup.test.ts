/** Start-up: a command loads only what it needs (the cleaner is not loaded for --help, no worker pool for one page). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './cli-lib.js';

const HOOK = path.join(ROOT, 'test/fixtures/log-imports.mjs');

/** The modules a run of the binary resolves. */
function imports(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return [...r.stderr.matchAll(/^IMPORT (.*)$/gm)].map((m) => m[1]!);
}

describe('start-up', () => {
  it('declutter --help loads no parser, cleaner, rule loader or input reader', () => {
    const loaded = imports(['--help']);
    expect(loaded.some((u) => u.endsWith('/dist/cli/main.js'))).toBe(true);
    const heavy = loaded.filter((u) => /linkedom|jsdom|readability|\/yaml\/|\/ajv\/|turndown|piscina|warcio|fast-glob|\/dist\/(clean|stream|pipeline)\.js/.test(u));
    expect(heavy).toEqual([]);
  });

  it('cleans a single page from the bundled command line, without loading the worker pool', () => {
    const loaded = imports(['clean', 'samples/wordpress/post.html']);
    // The cleaner runs from the bundle (dist/cli/main.js and its chunks), not from the separate modules.
    expect(loaded.filter((u) => /\/dist\/(?:clean|pipeline|index)\.js$/.test(u))).toEqual([]);
    expect(loaded.some((u) => /\/dist\/vendor\/linkedom\.js$/.test(u))).toBe(true);
    expect(loaded.filter((u) => /piscina|\/dist\/pool\/worker\.js/.test(u))).toEqual([]);
  });
});
