/**
 * Temp files a killed process left beside its outputs (`.declutter-<pid>-<n>-<host>.tmp`): removed when their
 * writer is gone or they are old, kept while a live writer may still be filling them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAtomic, removeStaleTemps } from '../src/cli/write-atomic.js';
import { ROOT, runCli } from './cli-lib.js';

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const OTHER_HOST = HOST === '00000000' ? '11111111' : '00000000';

/** A pid that was just used and is gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-temps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function touch(rel: string, ageMs = 0): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'partial');
  if (ageMs) {
    const then = (Date.now() - ageMs) / 1000;
    utimesSync(file, then, then);
  }
  return file;
}

describe('removeStaleTemps', () => {
  it("removes a gone writer's temp files at any depth, an old one whoever wrote it, and nothing else", async () => {
    const dead = deadPid();
    const alive = process.ppid;
    const gone = [
      touch(`.declutter-${dead}-1-${HOST}.tmp`),
      touch(`deep/er/.declutter-${dead}-7-${HOST}.tmp`),
      // The name before the host part was added: taken as this machine's.
      touch(`.declutter-${dead}-2.tmp`),
      // This pid, before this process wrote anything: a container restarted under the same pid.
      touch(`.declutter-${process.pid}-3-${HOST}.tmp`),
      touch(`.declutter-${alive}-4-${HOST}.tmp`, 120_000),
      touch(`shared/.declutter-${dead}-5-${OTHER_HOST}.tmp`, 120_000),
    ];
    const kept = [
      // A live writer here, or any writer on another machine (its pid means nothing here), still within the age.
      touch(`.declutter-${alive}-6-${HOST}.tmp`),
      touch(`shared/.declutter-${dead}-8-${OTHER_HOST}.tmp`),
      touch('part-1.jsonl'),
      touch('.declutter-notes.tmp', 120_000),
      touch(`.declutter-${dead}-9-${HOST}.tmp.jsonl`),
    ];
    const removed = await removeStaleTemps(dir, { olderThanMs: 60_000 });
    expect(removed.sort()).toEqual(gone.sort());
    expect(gone.filter(existsSync)).toEqual([]);
    expect(kept.filter(existsSync)).toEqual(kept);
  });

  it("names an open temp file after this machine and pid, and touch() renews its age while nothing is written", async () => {
    const file = path.join(dir, 'part.jsonl');
    const out = await openAtomic(file);
    await once(out.stream, 'ready');
    out.stream.write('first line\n');
    expect(path.basename(out.temp)).toMatch(new RegExp(`^\\.declutter-${process.pid}-\\d+-${HOST}\\.tmp$`));
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    utimesSync(out.temp, hourAgo, hourAgo);
    await out.touch();
    expect(Date.now() - statSync(out.temp).mtimeMs).toBeLessThan(600_000);
    await out.commit();
    expect(readFileSync(file, 'utf8')).toBe('first line\n');
    expect(existsSync(out.temp)).toBe(false);
  });

  it('has nothing to remove in a folder that does not exist', async () => {
    expect(await removeStaleTemps(path.join(dir, 'missing'), { olderThanMs: 1 })).toEqual([]);
  });
});

describe('declutter clean --out', () => {
  it('removes a killed run’s temp files under --out when it starts, and writes its outputs', async () => {
    const out = path.join(dir, 'out');
    const left = touch(`out/samples/.declutter-${deadPid()}-12-${HOST}.tmp`);
    const run = await runCli(['clean', 'samples/002_8308df305baf94dd.txt', '--out', out], { cwd: ROOT });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(left)).toBe(false);
    expect(JSON.parse(run.stderr.split('\n').find((l) => l.includes('removed temp files'))!)).toMatchObject({ count: 1 });
    expect(readdirSync(out, { recursive: true }).map(String).sort()).toEqual(['002_8308df305baf94dd.json', 'samples']);
  });
});
