/** One list of error codes: what the library sets is in it, and the README explains each code once. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanStream, ERROR_CODES, isErrorCode, type CleanResult } from '../dist/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('error codes', () => {
  it('the README table lists every code, once, and no other', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| code |')));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...ERROR_CODES]);
  });

  it('a stream given something that is not a page returns INVALID_INPUT, as documented', async () => {
    const results: CleanResult[] = [];
    for await (const r of Readable.from([42, true, { id: 'ok', html: 7 }]).pipe(cleanStream())) results.push(r as CleanResult);
    expect(results.map((r) => r.error?.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(results.every((r) => isErrorCode(r.error?.code))).toBe(true);
  });
});
