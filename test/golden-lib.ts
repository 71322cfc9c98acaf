/**
 * Golden outputs of the samples in `samples/`: which files are samples, how each is cleaned, which parts
 * of the result are stable enough to pin, and a readable first difference. Shared by the golden test and
 * the update command (`npm run golden:update`), so both see the same thing.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean } from '../src/index.js';
import type { CleanResult, DomName } from '../src/types.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES_DIR = join(ROOT, 'samples');
export const DOMS: DomName[] = ['linkedom', 'jsdom'];

export interface Sample {
  /** Path relative to the project root. */
  name: string;
  path: string;
  kind: 'text' | 'html';
  /** The golden beside it: `<name without extension>.expected.json`. */
  goldenPath: string;
}

const EXTENSIONS: Record<string, Sample['kind']> = { '.txt': 'text', '.html': 'html', '.htm': 'html' };

/** Every sample page under `samples/` (recursively), sorted. */
export function listSamples(dir = SAMPLES_DIR): Sample[] {
  const out: Sample[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const kind = EXTENSIONS[extname(entry).toLowerCase()];
        if (kind) out.push({ name: relative(ROOT, p), path: p, kind, goldenPath: join(d, `${basename(entry, extname(entry))}.expected.json`) });
      }
    }
  };
  walk(dir);
  return out;
}

/** An HTML sample's URL, from a `<!-- url: ... -->` or a browser's `<!-- saved from url=(NNNN)... -->` comment at its top. */
export function sampleUrl(html: string): string | undefined {
  const head = html.slice(0, 2000);
  return /<!--\s*url:\s*(\S+)\s*-->/i.exec(head)?.[1] ?? /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head)?.[1];
}

/** Cleans a sample the way a caller would: text captures as `text`, pages as bytes with their URL. */
export async function cleanSample(sample: Sample, dom: DomName = 'linkedom'): Promise<CleanResult> {
  if (sample.kind === 'text') return clean({ id: sample.name, text: readFileSync(sample.path, 'utf8') }, { dom });
  const bytes = readFileSync(sample.path);
  return clean({ id: sample.name, url: sampleUrl(bytes.toString('latin1')), html: new Uint8Array(bytes) }, { dom });
}

export interface Golden {
  title?: string;
  section?: string;
  published?: string;
  modified?: string;
  authors: string[];
  text: string;
  comments: CleanResult['comments'];
  removed: Array<{ category: string; text: string }>;
  access: CleanResult['access'];
  error?: CleanResult['error'];
}

/** The stable parts of a result: what a change to the cleaner should be made to explain. */
export function goldenOf(r: CleanResult): Golden {
  return {
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.section !== undefined ? { section: r.section } : {}),
    ...(r.published !== undefined ? { published: r.published } : {}),
    ...(r.modified !== undefined ? { modified: r.modified } : {}),
    authors: r.authors,
    text: r.text,
    comments: r.comments,
    removed: r.removed.map((x) => ({ category: x.category, text: x.text })),
    access: r.access,
    ...(r.error ? { error: r.error } : {}),
  };
}

export function readGolden(sample: Sample): Golden | undefined {
  try {
    return JSON.parse(readFileSync(sample.goldenPath, 'utf8')) as Golden;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function serialiseGolden(g: Golden): string {
  return `${JSON.stringify(g, null, 2)}\n`;
}

const show = (v: unknown) => {
  const s = v === undefined ? '(absent)' : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

/**
 * The first place two goldens differ, in words: the field path, and for the body text the first
 * paragraph that differs. Undefined when they are equal.
 */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (typeof expected === 'string' && typeof actual === 'string' && path === 'text') {
    if (expected === actual) return undefined;
    const e = expected.split('\n\n');
    const a = actual.split('\n\n');
    for (let i = 0; i < Math.max(e.length, a.length); i++) {
      if (e[i] !== a[i]) return `text, paragraph ${i + 1} of ${e.length} expected / ${a.length} actual:\n  expected: ${show(e[i])}\n  actual:   ${show(a[i])}`;
    }
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return expected.length !== actual.length ? `${d}\n  (${path} has ${expected.length} expected, ${actual.length} actual)` : d;
    }
    return undefined;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const k of keys) {
      const d = firstDifference((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return `${path || '(root)'}:\n  expected: ${show(expected)}\n  actual:   ${show(actual)}`;
}
