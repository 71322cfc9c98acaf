/**
 * Real-page regression cases, Readability-style: one folder per case under test/regress/ with the page as saved
 * (`source.html`), where it came from (`case.json`: URL, origin, licence) and what declutter makes of it
 * (`expected.txt`, the body text; `expected.json`, title, authors, dates, language, the comments' status and count).
 * Made and updated only by `npm run regress -- new|update` (scripts/regress.ts); read the diff before committing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCleaner, type CleanResult } from '../src/index.js';
import { ROOT } from './golden-lib.js';

export const REGRESS_DIR = join(ROOT, 'test', 'regress');

export interface CaseInfo {
  /** The page's address, given to the cleaner as a scraper would. */
  url?: string;
  /** Where the saved page came from, and under which licence it is redistributed. */
  origin: string;
  licence: string;
}

export interface Expected {
  title?: string;
  authors: string[];
  published?: string;
  lang?: string;
  /** The comments' status and how many items were read. */
  comments: { status: string; items: number };
}

export interface RegressCase {
  name: string;
  dir: string;
  info: CaseInfo;
}

export function listCases(dir = REGRESS_DIR): RegressCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'source.html')))
    .map((d) => ({ name: d.name, dir: join(dir, d.name), info: JSON.parse(readFileSync(join(dir, d.name, 'case.json'), 'utf8')) as CaseInfo }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const cleaner = createCleaner();

export async function runCase(c: RegressCase): Promise<CleanResult> {
  return cleaner.clean({ id: c.name, url: c.info.url, html: readFileSync(join(c.dir, 'source.html')) });
}

export function expectedOf(r: CleanResult): { text: string; meta: Expected } {
  return {
    text: `${r.text}\n`,
    meta: { title: r.title, authors: r.authors, published: r.published, lang: r.lang, comments: { status: r.comments.status, items: r.comments.items.length } },
  };
}

export function readExpected(c: RegressCase): { text: string; meta: Expected } | undefined {
  const t = join(c.dir, 'expected.txt');
  if (!existsSync(t)) return undefined;
  return { text: readFileSync(t, 'utf8'), meta: JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as Expected };
}
