/**
 * declutter as a user gets it from npm: the files `npm pack` would ship, copied into a project's
 * node_modules (dependencies linked from this checkout), with no samples/ beside them. The rule workflow
 * runs in the user's own folder; the package carries its licences, refuses require() clearly and types
 * `PageInput`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanResult } from '../src/types.js';
import { ROOT } from './cli-lib.js';

let dir: string;
let project: string;
let pkg: string;
let packed: string[];

/** Runs the installed binary in the user's project folder. */
function declutter(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(pkg, 'dist/cli/main.js'), ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-installed-'));
  const modules = path.join(dir, 'node_modules');
  pkg = path.join(modules, 'declutter');
  project = path.join(dir, 'project');
  mkdirSync(pkg, { recursive: true });
  mkdirSync(project);
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  packed = report.files.map((f) => f.path);
  for (const file of packed) cpSync(path.join(ROOT, file), path.join(pkg, file));
  for (const dep of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (dep !== '.bin' && dep !== 'declutter') symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep));
  }
  cpSync(path.join(ROOT, 'samples/wordpress/post.html'), path.join(project, 'story.html'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the licence, the third-party notices and the require() stub, and no sample pages', () => {
    expect(packed).toEqual(expect.arrayContaining(['LICENSE', 'THIRD_PARTY_NOTICES', 'cjs/require.cjs', 'dist/index.js', 'dist/vendor/linkedom.js']));
    expect(packed.filter((f) => f.startsWith('samples/'))).toEqual([]);
    expect(readFileSync(path.join(pkg, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('lists in THIRD_PARTY_NOTICES every package the linkedom bundle inlines', () => {
    const bundle = readFileSync(path.join(pkg, 'dist/vendor/linkedom.js'), 'utf8');
    const notices = readFileSync(path.join(pkg, 'THIRD_PARTY_NOTICES'), 'utf8');
    const dirs = new Set([...bundle.matchAll(/^\/\/ (.*node_modules\/(?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!));
    expect(dirs.size).toBeGreaterThan(5);
    for (const d of dirs) {
      const { name, version } = JSON.parse(readFileSync(path.join(ROOT, d, 'package.json'), 'utf8')) as { name: string; version: string };
      expect(notices).toContain(`  ${name} ${version} (`);
    }
  });

  it('lists in dist/cli/THIRD_PARTY_NOTICES, with a licence text, every package the command-line bundle inlines', () => {
    const cli = path.join(pkg, 'dist/cli');
    // esbuild's own account of the inputs it bundled, written by scripts/bundle-cli.mjs.
    const inlined = JSON.parse(readFileSync(path.join(cli, 'inlined-packages.json'), 'utf8')) as string[];
    const sanitizer = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/sanitize-html/package.json'), 'utf8')) as { version: string };
    expect(inlined).toContain(`sanitize-html ${sanitizer.version}`);
    expect(inlined.length).toBeGreaterThan(10);
    const notices = readFileSync(path.join(cli, 'THIRD_PARTY_NOTICES'), 'utf8');
    for (const p of inlined) expect(notices).toContain(`\n${'='.repeat(78)}\n${p} (`);
  });

  it('refuses require() with a message that says to use import', () => {
    const r = spawnSync(process.execPath, ['-e', "require('declutter')"], { cwd: project, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/declutter is an ES module and cannot be loaded with require\(\)\. Use `import \{ clean \} from 'declutter'`/);
    const esm = spawnSync(process.execPath, ['--input-type=module', '-e', "const { clean } = await import('declutter'); console.log(typeof clean)"], { cwd: project, encoding: 'utf8' });
    expect(esm.stdout.trim()).toBe('function');
  });

  it('types the names the README uses: PageInput, CleanResult, ErrorCode', () => {
    writeFileSync(
      path.join(project, 'use.ts'),
      "import type { CleanResult, ErrorCode, PageInput } from 'declutter';\nexport const page: PageInput = { html: '<p>x</p>' };\nexport const code: ErrorCode = 'TOO_LARGE';\nexport type R = CleanResult;\n",
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'use.ts'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the rule workflow in a user folder', () => {
  it('lints the bundled rules without their samples, then new -> test -> clean picks up ./rules', () => {
    const lint = declutter(['rules', 'lint']);
    expect(lint.stdout).toMatch(/\d+ files, 0 problems/);
    expect(lint.code).toBe(0);
    expect(declutter(['rules', 'test']).stdout).toMatch(/sample pages are not installed/);

    const made = declutter(['rules', 'new', 'story.html', '--url', 'https://harbour.example.org/2024/plan']);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('wrote rules/outlets/harbour.example.org.yaml');
    const unconfirmed = declutter(['rules', 'test', 'harbour.example.org']);
    expect(unconfirmed.stdout).toMatch(/FAIL harbour\.example\.org .*\n.*unconfirmed/);
    expect(unconfirmed.stdout).not.toMatch(/no rule file has this id/);

    const ruleFile = path.join(project, 'rules/outlets/harbour.example.org.yaml');
    writeFileSync(ruleFile, readFileSync(ruleFile, 'utf8').replace(/^\s*unconfirmed: true\n/m, ''));
    const confirmed = declutter(['rules', 'test', 'harbour.example.org']);
    expect(confirmed.stdout).toMatch(/^ok {3}harbour\.example\.org/m);
    expect(confirmed.code).toBe(0);

    const cleaned = declutter(['clean', 'story.html', '--url', 'https://harbour.example.org/2024/plan']);
    expect((JSON.parse(cleaned.stdout) as CleanResult).rules).toContain('harbour.example.org');
    // Elsewhere, DECLUTTER_RULES names the folder.
    const elsewhere = spawnSync(process.execPath, [path.join(pkg, 'dist/cli/main.js'), 'clean', path.join(project, 'story.html'), '--url', 'https://harbour.example.org/2024/plan'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DECLUTTER_RULES: path.join(project, 'rules') },
    });
    expect((JSON.parse(elsewhere.stdout) as CleanResult).rules).toContain('harbour.example.org');
  });
});
