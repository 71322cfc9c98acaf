/** The `declutter rules` subcommands, run as a user runs them: the built binary in a child process. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'main.js');
const tmp = mkdtempSync(join(tmpdir(), 'declutter-rules-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function declutter(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does it first)');
});

describe('declutter rules (CLI)', () => {
  it('lint passes on the bundled rules and fails with file:line (field) on a broken one', async () => {
    const ok = await declutter(['rules', 'lint']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\d+ files, 0 problems/);
    const dir = join(tmp, 'broken', 'rules', 'outlets');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'x.example.yaml'), 'id: x.example\nkind: outlet\nhosts: [x.example]\ncontent: ["div["]\n');
    const bad = await declutter(['rules', 'lint', join(tmp, 'broken', 'rules')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^rules\/outlets\/x\.example\.yaml:4 \(field content\.0\): selector "div\[" does not parse/m);
  });

  it('test reports per rule and exits 0 when every check holds', async () => {
    const res = await declutter(['rules', 'test', 'apnews.com', 'theguardian.com']);
    expect(res.stdout).toMatch(/^ok {3}apnews\.com \(1 check\)$/m);
    expect(res.stdout).toMatch(/^2 passed, 0 failed$/m);
    expect(res.code).toBe(0);
  });

  it('new scaffolds a rule whose checks fail until confirmed', async () => {
    const work = join(tmp, 'new');
    mkdirSync(work, { recursive: true });
    const page = join(work, 'saved.html');
    writeFileSync(page, readFileSync(join(ROOT, 'samples', 'freebeacon.com', 'politics.html')));
    const res = await declutter(['rules', 'new', page, '--url', 'https://www.harbourgazette.example/politics/delay/'], work);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^wrote rules\/outlets\/harbourgazette\.example\.yaml$/m);
    expect(res.stdout).toMatch(/^content container: /m);
    expect(existsSync(join(work, 'samples', 'harbourgazette.example', 'delay.html'))).toBe(true);
    const test = await declutter(['rules', 'test', '--rules', join(work, 'rules')], work);
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(/FAIL harbourgazette\.example[\s\S]*unconfirmed: open samples\/harbourgazette\.example\/delay\.html/);
  });

  it('stats prints per-rule counts over a folder of pages', async () => {
    const res = await declutter(['rules', 'stats', join(ROOT, 'samples', 'consent')]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^5 pages/);
    expect(res.stdout).toMatch(/^onetrust\s+platform\s+1\s+1\s+1/m);
    expect(res.stdout).toMatch(/never fired \(\d+\): .*apnews\.com/);
  });
});
