/** An interrupted batch (SIGINT mid-run) leaves only whole output files, and `--skip-existing` resumes it. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './cli-lib.js';

const WORDPRESS = path.join(ROOT, 'samples/wordpress/post.html');
const PAGES = 200;

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-interrupt-'));
  mkdirSync(path.join(dir, 'in'));
  const html = readFileSync(WORDPRESS);
  for (let i = 0; i < PAGES; i++) writeFileSync(path.join(dir, 'in', `page-${String(i).padStart(3, '0')}.html`), html);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('declutter clean: interrupted and resumed', () => {
  it('stops on SIGINT with exit 130 and whole files only; --skip-existing re-cleans a cut-short file and finishes the batch', async () => {
    const out = path.join(dir, 'out');
    const first = await runCli(['clean', path.join(dir, 'in'), '--out', out, '--workers', '1'], {
      onSpawn: (child) => {
        const poll = setInterval(() => {
          let written = 0;
          try {
            written = readdirSync(out).filter((f) => f.endsWith('.json')).length;
          } catch {
            /* not made yet */
          }
          if (written >= 5) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/stopped by SIGINT after \d+ page\(s\).*with --skip-existing/);
    expect(first.stderr).toMatch(/pages\s+\d+ in/);
    const written = filesUnder(out);
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(written.length).toBeLessThan(PAGES);
    // No temp file left behind, and every output parses.
    expect(written.every((f) => /^page-\d{3}\.json$/.test(f))).toBe(true);
    for (const f of written) expect((JSON.parse(readFileSync(path.join(out, f), 'utf8')) as { title: string }).title).toMatch(/Harbour/);

    // What a run killed mid-write by an older version leaves behind: half a JSON document.
    const cut = path.join(out, written[0]!);
    writeFileSync(cut, readFileSync(cut, 'utf8').slice(0, 200));
    const second = await runCli(['clean', path.join(dir, 'in'), '--out', out, '--workers', '1', '--skip-existing', '--summary']);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`skipped\\s+${written.length - 1} `));
    expect(second.stderr).toMatch(/redone\s+1 /);
    const all = filesUnder(out);
    expect(all).toHaveLength(PAGES);
    for (const f of all) expect(() => JSON.parse(readFileSync(path.join(out, f), 'utf8'))).not.toThrow();
  });
});
