/**
 * What a person sees on an 80-column terminal: the progress line and the summary never wrap, and the summary
 * does not draw over the per-page error lines. The binary runs on a real pseudo-terminal (`script`); its
 * output is replayed on a small screen model that knows the only controls declutter writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, createSummary } from '../dist/cli/summary.js';
import { progressLine } from '../dist/cli/progress.js';
import { BIN, ROOT } from './cli-lib.js';

const COLUMNS = 80;

/** Replays terminal output on a screen `columns` wide; `wrapped` lists the rows that ran past the edge. */
function replay(output: string, columns: number): { lines: string[]; wrapped: number[] } {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  const wrapped: number[] = [];
  for (let i = 0; i < output.length; i++) {
    const c = output[i]!;
    if (c === '\x1b') {
      const m = /^\x1b\[(\??[0-9;]*)([A-Za-z])/.exec(output.slice(i));
      if (!m) throw new Error(`unknown escape at ${i}: ${JSON.stringify(output.slice(i, i + 8))}`);
      if (m[2] === 'K') lines[row] = lines[row]!.slice(0, col);
      else if (!/^\?25$/.test(m[1]!)) throw new Error(`unexpected control ${JSON.stringify(m[0])}`);
      i += m[0].length - 1;
    } else if (c === '\r') {
      col = 0;
    } else if (c === '\n') {
      row++;
      col = 0;
      lines[row] ??= '';
    } else {
      if (col === columns) {
        wrapped.push(row);
        row++;
        col = 0;
        lines[row] ??= '';
      }
      const line = lines[row]!.padEnd(col);
      lines[row] = line.slice(0, col) + c + line.slice(col + 1);
      col++;
    }
  }
  return { lines, wrapped };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-tty-'));
  writeFileSync(path.join(dir, 'empty-one.html'), '');
  writeFileSync(path.join(dir, 'empty-two.html'), ' ');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('on an 80-column terminal', () => {
  it('keeps every error line and the whole summary on screen, with no line wrapped', () => {
    const command = `stty cols ${COLUMNS} rows 50; ${process.execPath} ${BIN} clean ${path.join(dir, 'empty-one.html')} samples ${path.join(dir, 'empty-two.html')} > /dev/null`;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TERM: 'xterm' } });
    expect(run.status).toBe(1); // two pages failed
    const { lines, wrapped } = replay(run.stdout.replace(/\r\n/g, '\n'), COLUMNS);
    // Only an error line may wrap (it carries a long path); the progress line and the summary never do.
    expect(wrapped.map((row) => lines[row]!.slice(0, 11))).toEqual(wrapped.map(() => 'declutter: '));
    const text = lines.join('\n');
    expect(text.replace(/\n/g, '')).toMatch(/empty-one\.html: EMPTY_INPUT the page is empty/);
    expect(text.replace(/\n/g, '')).toMatch(/empty-two\.html: EMPTY_INPUT the page is empty/);
    expect(text).toMatch(/\n {2}pages +\d+ in/);
    expect(text).toMatch(/\n {2}failed +2: EMPTY_INPUT 2/);
    expect(text).toMatch(/\n {2}removed +\w/);
    // The error lines come before the summary, each on its own line.
    const flat = text.replace(/\n/g, '');
    expect(flat.indexOf('empty-two.html: EMPTY_INPUT')).toBeLessThan(flat.indexOf('  pages '));
  });

  it('shortens the progress line before it would wrap, and wraps summary values between words', () => {
    const state = { pages: 123456, total: 999999, rate: 1234.5, errors: 4321, eta: '12h30m' };
    for (const columns of [40, 60, 80, 120]) expect(progressLine(columns, state).length).toBeLessThan(columns);
    expect(progressLine(80, state)).toMatch(/^█*░* 123456\/999999 pages \| 1234\.5 pages\/s \| 4321 errors \| ETA 12h30m$/);

    const summary = createSummary();
    for (const [k, n] of Object.entries({ paywall: 120, subscribe: 98, newsletter: 77, 'author-bio': 65, related: 540, share: 401, promo: 33, navigation: 1200 })) {
      summary.removed.set(k, n);
    }
    const lines = formatSummary(summary, 60).split('\n');
    expect(lines.every((l) => l.length < 60)).toBe(true);
    const removed = lines.slice(lines.findIndex((l) => l.startsWith('  removed')));
    expect(removed[0]).toMatch(/^ {2}removed {5}navigation 1200, related 540,/);
    // A continuation lines up under the value, and no `name count` pair is split.
    expect(removed[1]).toMatch(/^ {14}\S/);
    for (const l of removed.slice(0, 3)) expect(l.trim()).toMatch(/^(removed\s+)?([\w-]+ \d+,? ?)+$/);
  });
});
