/**
 * Loaders for the evaluation sets in ../shared/eval (see its README.md). Pages are read as raw bytes so the
 * cleaner's decoder sniffs each page's charset the way it would in production.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type SetName = 'zyte' | 'trafilatura' | 'fundus' | 'dragnet' | 'wcxb';
export const SET_NAMES: readonly SetName[] = ['zyte', 'trafilatura', 'fundus', 'dragnet', 'wcxb'];

/** A page scored by shingle F1 against a reference text. */
export interface TextCase {
  id: string;
  file: string;
  url?: string;
  truth: string;
}

/** A page scored by snippets that must (`with`) and must not (`without`) appear in the body. */
export interface SnippetCase {
  id: string;
  file: string;
  url?: string;
  with: string[];
  without: string[];
}

/** Published outputs of other extractors on a set's pages: system name -> page id -> text. */
export type Peers = Map<string, Map<string, string>>;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function readPage(file: string): Uint8Array {
  const bytes = readFileSync(file);
  return new Uint8Array(file.endsWith('.gz') ? gunzipSync(bytes) : bytes);
}

/** What a set says of a page's metadata (wcxb and trafilatura carry it): title, author, publish day. */
export interface MetaTruth {
  title?: string;
  author?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
}

/** WCXB: the body's text (scored by word F1), its with/without snippets and the page's metadata. */
export interface WcxbCase {
  id: string;
  file: string;
  url?: string;
  truth: string;
  with: string[];
  without: string[];
  meta: MetaTruth;
}

export function loadWcxb(dir: string): WcxbCase[] {
  const gt = readJson<
    Record<string, { url?: string; title?: string | null; author?: string | null; publish_date?: string | null; main_content?: string; with?: string[]; without?: string[] }>
  >(join(dir, 'ground-truth.json'));
  return Object.entries(gt).map(([id, v]) => ({
    id,
    file: join(dir, 'html', `${id}.html.gz`),
    url: v.url,
    truth: v.main_content ?? '',
    with: v.with ?? [],
    without: v.without ?? [],
    meta: { title: v.title ?? undefined, author: v.author ?? undefined, date: v.publish_date ?? undefined },
  }));
}

/** The metadata the trafilatura cases carry (a subset of the pages has each field). */
/** WCXB's pages that have a truth text: the ones its word-F1 method scores. */
export function loadWcxbArticles(dir: string): WcxbCase[] {
  return loadWcxb(dir).filter((c) => c.truth.trim());
}

export function loadTrafilaturaMeta(dir: string): Array<{ id: string; file: string; url?: string; meta: MetaTruth }> {
  const cases = readJson<Record<string, { url?: string; html_file?: string; title?: string | null; author?: string | null; date?: string | null }>>(join(dir, 'cases.json'));
  return Object.entries(cases).map(([id, v]) => ({
    id,
    file: join(dir, v.html_file ?? join('html', id)),
    url: v.url,
    meta: { title: v.title || undefined, author: v.author || undefined, date: v.date || undefined },
  }));
}

export function loadZyte(dir: string): TextCase[] {
  const gt = readJson<Record<string, { articleBody?: string; url?: string }>>(join(dir, 'ground-truth.json'));
  return Object.entries(gt).map(([id, v]) => ({ id, file: join(dir, 'html', `${id}.html`), url: v.url, truth: v.articleBody ?? '' }));
}

/** Fundus: the truth is the body's paragraphs joined by newlines; keys carry a `.gz` the files do not. */
export function loadFundus(dir: string): TextCase[] {
  const gt = readJson<Record<string, { body?: string[] }>>(join(dir, 'ground-truth.json'));
  return Object.entries(gt).map(([key, v]) => {
    const name = key.replace(/\.gz$/, '');
    // The set's README promises no URLs: the outlet rules must find the page by its markup.
    return { id: name, file: join(dir, 'html', name), truth: (v.body ?? []).join('\n') };
  });
}

export function loadDragnet(dir: string): TextCase[] {
  const gt = readJson<Record<string, { article?: string; html_file?: string }>>(join(dir, 'ground-truth.json'));
  return Object.entries(gt).map(([id, v]) => ({ id, file: join(dir, v.html_file ?? join('HTML', `${id}.html`)), truth: v.article ?? '' }));
}

export function loadTrafilatura(dir: string): SnippetCase[] {
  const cases = readJson<Record<string, { url?: string; html_file?: string; with?: string[]; without?: string[] }>>(join(dir, 'cases.json'));
  return Object.entries(cases).map(([id, v]) => ({
    id,
    file: join(dir, v.html_file ?? join('html', id)),
    url: v.url,
    with: v.with ?? [],
    without: v.without ?? [],
  }));
}

/** Peers of zyte (`{id: {articleBody}}`) and fundus (`{"<file>.gz": {body: [paragraphs]}}`), keyed like the cases. */
export function loadPeers(dir: string): Peers {
  const out: Peers = new Map();
  const peersDir = join(dir, 'peers');
  if (!existsSync(peersDir)) return out;
  for (const name of readdirJson(peersDir)) {
    const raw = readJson<Record<string, { articleBody?: string; body?: string[] | string }>>(join(peersDir, `${name}.json`));
    const texts = new Map<string, string>();
    for (const [key, v] of Object.entries(raw)) {
      const body = v.articleBody ?? v.body ?? '';
      texts.set(key.replace(/\.gz$/, ''), Array.isArray(body) ? body.join('\n') : body);
    }
    out.set(name, texts);
  }
  return out;
}

function readdirJson(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
}
