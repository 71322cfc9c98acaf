/**
 * The library entry: `createCleaner(options)` loads and compiles the rules once and is reused across pages;
 * `clean(page)` uses a shared default cleaner. A page problem never throws: the result carries `error`.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { compileAccessVocabulary, type AccessVocabulary } from './access.js';
import { decodeHtml } from './decode.js';
import { DEFAULT_DOM } from './dom/index.js';
import { DeclutterError } from './errors.js';
import { explain } from './explain.js';
import { logPage, type Logger } from './log.js';
import { checkCleanOptions } from './options.js';
import { cleanHtml, cleanText, type PipelineEnv } from './pipeline.js';
import { vocabularyOf } from './rules/vocabulary.js';
import { loadRules, type RuleSet } from './rules/load.js';
import { compilePhrases, phraseEntries, phraseFiles, type PhraseMatcher } from './rules/phrases.js';
import type { RuleFile } from './rules/types.js';
import { DEFAULT_MAX_BYTES, pageSizeError } from './limits.js';
import { emptyResult } from './result.js';
import type { CleanOptions, CleanResult, PageInput } from './types.js';

/** Share of control or replacement characters past which decoded input is binary, not a page. */
const BINARY_SHARE = 0.1;

export interface Cleaner {
  /** Cleans one page. Never rejects for a page problem: the result carries `error`. */
  clean(page: PageInput): Promise<CleanResult>;
  /** The same, synchronously (for worker threads and tight loops; jsdom memory wants the async one). */
  cleanSync(page: PageInput): CleanResult;
  readonly rules: RuleSet;
  readonly options: Readonly<CleanOptions>;
}

function looksBinary(s: string): boolean {
  const sample = s.slice(0, 8192);
  if (!sample.length) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / sample.length > BINARY_SHARE;
}

export function createCleaner(options: CleanOptions = {}): Cleaner {
  checkCleanOptions(options);
  const rules = loadRules({ dirs: options.rulesDirs, bundled: !options.rulesOnly });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const phraseCache = new Map<string, PhraseMatcher>();
  const phrasesFor = (langs: ReadonlyArray<string | undefined>, applied: RuleFile[]): PhraseMatcher => {
    const named = [...new Set(langs.filter((l): l is string => !!l))];
    const key = `${named.join('+')}|${applied.map((r) => r.id).join(',')}`;
    let m = phraseCache.get(key);
    if (!m) {
      m = compilePhrases(phraseEntries(rules, named, applied));
      phraseCache.set(key, m);
    }
    return m;
  };
  // Every phrase file's "related" labels, for link-like blocks in another language than the page's.
  let relatedLabels: PhraseMatcher | undefined;
  const relatedAnyLanguage = (): PhraseMatcher =>
    (relatedLabels ??= compilePhrases(phraseEntries(rules, [...rules.phrases.keys()], []).filter((e) => e.category === 'related')));
  const accessCache = new Map<string, AccessVocabulary>();
  const accessFor = (lang: string | undefined): AccessVocabulary => {
    let v = accessCache.get(lang ?? '');
    if (!v) {
      v = compileAccessVocabulary(phraseFiles(rules, lang ? [lang] : []));
      accessCache.set(lang ?? '', v);
    }
    return v;
  };
  const env: PipelineEnv = {
    rules,
    dom: options.dom ?? DEFAULT_DOM,
    outletRules: options.outletRules !== false,
    disable: new Set(options.disable ?? []),
    phrasesFor,
    relatedAnyLanguage,
    accessFor,
    vocabulary: vocabularyOf(rules),
  };

  const cleanPage = (page: PageInput): CleanResult => {
    if (!page || typeof page !== 'object') throw new DeclutterError('INVALID_INPUT', 'a page must be an object { id?, url?, html? | text? }');
    const hasHtml = page.html !== undefined && page.html !== null;
    if (hasHtml && typeof page.html !== 'string' && !(page.html instanceof Uint8Array)) {
      throw new DeclutterError('INVALID_INPUT', 'page.html must be a string or a Uint8Array');
    }
    if (page.text !== undefined && typeof page.text !== 'string') throw new DeclutterError('INVALID_INPUT', 'page.text must be a string');
    const tooLarge = pageSizeError(page, maxBytes);
    if (tooLarge) throw new DeclutterError('TOO_LARGE', tooLarge.message);
    const raw = hasHtml ? decodeHtml(page.html!, page.contentType).text : (page.text ?? '');
    if (!raw.trim()) throw new DeclutterError('EMPTY_INPUT', 'the page is empty');
    if (looksBinary(raw)) throw new DeclutterError('BINARY_INPUT', 'the input is binary data, not an HTML or text page');
    const base = emptyResult(page);
    const out: CleanResult = { ...base, ...(hasHtml ? cleanHtml(raw, page, env) : cleanText(raw, page, env)) };
    if (options.explain) out.explain = explain(out);
    return out;
  };

  const cleanSync = (page: PageInput): CleanResult => {
    const started = performance.now();
    let result: CleanResult;
    try {
      result = cleanPage(page);
    } catch (err) {
      const code = err instanceof DeclutterError ? err.code : 'CLEAN_FAILED';
      const message = err instanceof Error ? err.message : String(err);
      result = emptyResult(page, { code, message });
    }
    logPage(options.logger, result, performance.now() - started);
    return result;
  };

  return {
    rules,
    options: { ...options },
    cleanSync,
    async clean(page) {
      const result = cleanSync(page);
      // jsdom frees a document only once the event loop gets a turn (measured: heap grows 3-4 MB a page otherwise).
      await yieldToLoop();
      return result;
    },
  };
}

const shared = new Map<string, Cleaner>();
/** A logger is an object, not a setting: cleaners made with one are kept apart, per logger. */
const sharedByLogger = new WeakMap<Logger, Map<string, Cleaner>>();

/** The cleaner for these options, made once and reused. */
export function sharedCleaner(options: CleanOptions = {}): Cleaner {
  const { logger, ...settings } = options;
  let cleaners = shared;
  if (logger) {
    cleaners = sharedByLogger.get(logger) ?? new Map();
    sharedByLogger.set(logger, cleaners);
  }
  const key = JSON.stringify(settings, Object.keys(settings).sort());
  let c = cleaners.get(key);
  if (!c) {
    c = createCleaner(options);
    cleaners.set(key, c);
  }
  return c;
}

/** Cleans one page with a shared cleaner for these options. */
export function clean(page: PageInput, options: CleanOptions = {}): Promise<CleanResult> {
  return sharedCleaner(options).clean(page);
}
