/** `declutter clean --shard i/N`: every input file in exactly one shard, by a hash of its path alone. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, pickShard, shardOf } from '../dist/cli/shard.js';
import type { CleanResult } from '../src/types.js';
import { ROOT, runCli } from './cli-lib.js';

const sources = Array.from({ length: 40 }, (_, i) => ({ path: `crawl/part-${i}.warc.gz`, name: `part-${i}` }));

describe('shards', () => {
  it('parses i/N with 0 <= i < N and refuses anything else', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['8/8', '1/0', '-1/4', '1', 'a/b', '1/4/2']) expect(() => parseShard(bad)).toThrow(/i\/N/);
  });

  it('puts every source in exactly one of N shards, keeping the input order, by its path alone', () => {
    const shards = [0, 1, 2, 3].map((index) => pickShard(sources, { index, count: 4 }));
    expect(shards.flat().map((s) => s.name).sort()).toEqual(sources.map((s) => s.name).sort());
    expect(shards.every((shard) => shard.length > 0)).toBe(true);
    for (const shard of shards) expect(shard).toEqual(sources.filter((s) => shard.includes(s)));
    // A file's shard does not move when other files join or leave the list.
    const alone = pickShard([sources[7]!], { index: shardOf(sources[7]!.path, 4), count: 4 });
    expect(alone).toEqual([sources[7]]);
    expect(pickShard(sources, undefined)).toBe(sources);
  });
});

describe('declutter clean --shard', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'declutter-shard-'));
    mkdirSync(path.join(dir, 'in'));
    const text = readFileSync(path.join(ROOT, 'samples/002_8308df305baf94dd.txt'), 'utf8');
    for (let i = 0; i < 8; i++) writeFileSync(path.join(dir, 'in', `page-${i}.txt`), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => runCli(['clean', ...args], { cwd: dir, input: '<p>stdin</p>' });
  const ids = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as CleanResult).id);

  it('two shards clean disjoint halves that together are every input', async () => {
    const [a, b] = await Promise.all([run(['in', '--shard', '0/2', '--workers', '0']), run(['in', '--shard', '1/2', '--workers', '0'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const all = Array.from({ length: 8 }, (_, i) => path.join('in', `page-${i}.txt`));
    expect([...ids(a.stdout), ...ids(b.stdout)].sort()).toEqual(all.sort());
    expect(ids(a.stdout)).toEqual(all.filter((p) => shardOf(p, 2) === 0));
  });

  it('refuses a shard out of range, and stdin', async () => {
    const out = await run(['in', '--shard', '2/2']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/i\/N/);
    const stdin = await run(['-', '--shard', '0/2']);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe('declutter: --shard needs input files, not stdin\n');
  });
});
