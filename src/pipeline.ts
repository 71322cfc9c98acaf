/**
 * The orchestrator of both paths; each step lives in its own module, this file only orders them and says why.
 *
 * HTML: parse -> match rules -> language -> detach comments -> access signals -> metadata -> strip boilerplate
 *   -> extract body (rule selector, else Readability) -> post-clean -> text and sanitised HTML -> access state
 * Text: match rules (fingerprint phrases) -> language -> blocks without boilerplate -> appended comments
 *   -> datelines and bylines -> headline -> repeated paragraphs (src/text/index.ts) -> access state
 * Both read their phrases and access wording for the page's language and English (rules/phrases/<lang>.yaml).
 */
import { collectAccessSignals, decideAccess, emptyAccessSignals, type AccessVocabulary } from './access.js';
import { detachComments } from './comments/index.js';
import type { PageContext } from './context.js';
import { parseHtml, type ParsedPage } from './dom/index.js';
import { blocksOf } from './html/blocks.js';
import { stripBoilerplate, type StripSettings } from './html/boilerplate.js';
import { contentFromRules, extractWithReadability, joinContent, missesBestBlock } from './html/extract.js';
import { parseJsonLd } from './html/jsonld.js';
import { guessLang, PARAGRAPH_CHARS, paragraphText } from './html/lang.js';
import { normaliseLang, readMetadata, type PageMetadata } from './html/metadata.js';
import { splitAuthors } from './bylines.js';
import { boundDepth, flattenDeepNesting, MAX_DEPTH } from './html/flatten.js';
import { paragraphsToHtml } from './html/from-text.js';
import { postClean } from './html/postclean.js';
import { sanitizeBody } from './html/sanitize.js';
import { matchRules, matchTextRules } from './rules/match.js';
import type { PhraseMatcher } from './rules/phrases.js';
import type { RuleFile } from './rules/types.js';
import type { RuleSet } from './rules/load.js';
import type { Vocabulary } from './rules/vocabulary.js';
import type { CleanResult, DomName, PageInput } from './types.js';
import { cleanTextPage } from './text/index.js';
import { countWords, hasWords } from './words.js';

export interface PipelineEnv {
  rules: RuleSet;
  dom: DomName;
  outletRules: boolean;
  /** Rule items and steps the caller switched off by name (`CleanOptions.disable`). */
  disable: ReadonlySet<string>;
  /** Compiled phrase matcher for the page's languages (English always) and its applied rules (cached by the cleaner). */
  phrasesFor(langs: ReadonlyArray<string | undefined>, applied: RuleFile[]): PhraseMatcher;
  /** The "related" labels of every phrase file, whatever the page's language (cached by the cleaner). */
  relatedAnyLanguage(): PhraseMatcher;
  /** Access-prompt wording for a language, English included (cached by the cleaner). */
  accessFor(lang: string | undefined): AccessVocabulary;
  /** Byline heads and stop words of the rule set's phrase files. */
  vocabulary: Vocabulary;
}

/** The language guess reads at most this much of the page's text when its paragraphs do not tell. */
const GUESS_PAGE_CHARS = 20000;
/** A body under this many words is thin: retried with other settings, then reported. */
const THIN_WORDS = 60;
/** A body under this share of the declared article length is thin too. */
const THIN_SHARE = 0.5;

/**
 * A page with less paragraph text than this (characters, comments detached) is foreseen as at risk of a thin body.
 * On the 2,338 eval pages this foresaw 76 of the 101 pages whose first attempt was thin, and flagged 340 pages.
 */
const RISK_PARAGRAPH_CHARS = 1000;
/** Readability's minimum article length on the retries, in characters (its default is 500). */
const RETRY_READABILITY_CHARS = 100;

/** The settings of one extraction: what the strip step removes, and Readability's minimum article length. */
interface ExtractSettings extends StripSettings {
  /** Readability's `charThreshold` (its default, 500, when unset). */
  readabilityChars?: number;
}

/**
 * The thin-body retries, in order, each run on a clone of the page as it stood before the strip step (comments
 * detached, signals and metadata read), so the page is parsed once. The second runs only when the first is
 * still thin. Whichever retry wins is named in `warnings`.
 */
const RETRIES: readonly ExtractSettings[] = [
  // Class names lie: the article sits in an element whose class reads like an aside or a promo.
  { tokens: false, readabilityChars: RETRY_READABILITY_CHARS },
  // The article is hidden until a script shows it, or sits in an element a generic selector takes for a box.
  { tokens: false, showHidden: true, genericSelectors: false, readabilityChars: RETRY_READABILITY_CHARS },
];

/** How settings read in a warning: `{ tokens: false, readabilityChars: 100 }`. */
function describeSettings(settings: ExtractSettings): string {
  const fields = Object.entries(settings).map(([k, v]) => `${k}: ${String(v)}`);
  return fields.length ? `{ ${fields.join(', ')} }` : '{}';
}

type Result = Omit<CleanResult, 'id' | 'url' | 'error' | 'explain'>;

interface Attempt {
  result: Result;
  words: number;
}

/** The page read up to the strip step: what every attempt shares, and the document the attempts start from. */
interface Prepared {
  parsed: ParsedPage;
  ctx: PageContext;
  lang: string | undefined;
  matchedRules: RuleFile[];
  comments: CleanResult['comments'];
  signals: ReturnType<typeof collectAccessSignals>;
  meta: PageMetadata;
  pageHasWords: boolean;
  /** Characters of the page's paragraph text as the language guess read it, when the page has not changed since. */
  paragraphChars: number | undefined;
}

/** Parse, then every step that reads the page as served: rules, language, comments, access signals, metadata. */
export function prepare(html: string, page: PageInput, env: PipelineEnv): Prepared {
  const parsed = parseHtml(html, { dom: env.dom, url: page.url });
  try {
    const doc = parsed.document;
    // 0. Pathological nesting is collapsed first: every later step walks the tree.
    const flattened = flattenDeepNesting(doc, parsed.depthLimit);
    const jsonLd = parseJsonLd(parsed.jsonLd);
    // 1. Rules: the outlet by host (or the page's canonical URL), platforms by fingerprint.
    const matched = matchRules(env.rules, { url: page.url, doc, scripts: parsed.scripts, outletRules: env.outletRules });
    // The language from every signal: the declaration and the paragraphs (a template's `lang` is often wrong or
    // left at the default); the whole page's text only when neither tells. Phrases are read for both when they
    // differ, so a German page declared `en` still loses its German prompts; the declared one names the page.
    const declared = normaliseLang(doc.documentElement?.getAttribute('lang'));
    const paragraphs = paragraphText(doc);
    const guessed =
      guessLang(paragraphs, env.vocabulary) ?? (declared ? undefined : guessLang((doc.body?.textContent ?? '').slice(0, GUESS_PAGE_CHARS), env.vocabulary));
    const lang = declared ?? guessed;
    const ctx: PageContext = {
      url: page.url,
      host: matched.host,
      document: doc,
      scripts: parsed.scripts,
      jsonLd,
      rules: matched.rules,
      disabled: env.disable.size ? new Set([...matched.disabled, ...env.disable]) : matched.disabled,
      phrases: env.phrasesFor([lang, guessed], matched.rules),
      relatedAnyLanguage: env.relatedAnyLanguage(),
      access: env.accessFor(lang),
      vocabulary: env.vocabulary,
      lang,
      removed: [],
      warnings: [...parsed.warnings, ...(flattened ? [`nesting deeper than ${MAX_DEPTH} levels: ${flattened} elements collapsed`] : [])],
    };
    const pageHasWords = hasWords(doc.body, THIN_WORDS);
    // 2. Comments leave the page before anything scores content, so they can neither leak nor win.
    const recorded = ctx.removed.length;
    const comments = detachComments(ctx);
    // The rest of the page is held to MAX_DEPTH for the steps that walk it (above all Readability).
    const deep = boundDepth(doc, MAX_DEPTH);
    if (deep) ctx.warnings.push(`nesting deeper than ${MAX_DEPTH} levels after the comments: ${deep} elements flattened`);
    // The paragraphs read for the language are still the page's when neither step took anything: the comment
    // step records every removal, and the wrappers it may leave around loose text change no paragraph.
    const paragraphChars = ctx.removed.length === recorded && !deep ? paragraphs.length : undefined;
    // 3. Access signals are read from the page as served: the paywall markup is about to be stripped.
    const signals = collectAccessSignals(ctx);
    // 4. Metadata before extraction, which rewrites the document.
    const meta = readMetadata(ctx);
    return { parsed, ctx, lang, matchedRules: matched.rules, comments, signals, meta, pageHasWords, paragraphChars };
  } catch (err) {
    parsed.close();
    throw err;
  }
}

/** The destructive steps, on `doc` (the prepared document or a clone of it): strip, extract, post-clean, access. */
export function extract(p: Prepared, doc: Document, settings: ExtractSettings): Attempt {
  // Each attempt keeps its own audit trail and metadata: only the winner's are returned.
  const ctx: PageContext = { ...p.ctx, document: doc, removed: [...p.ctx.removed], warnings: [...p.ctx.warnings] };
  const meta: PageMetadata = { ...p.meta, authors: [...p.meta.authors] };
  const { readabilityChars, ...strip } = settings;
  // 5. Boilerplate goes; an outlet's content container is protected from generic removals.
  let fromRule = contentFromRules(ctx);
  const best = stripBoilerplate(ctx, { protect: fromRule?.elements, settings: strip });
  if (fromRule && missesBestBlock(fromRule.elements, best)) {
    ctx.warnings.push(`content selector ${fromRule.rule} '${fromRule.selector}' missed the page's main text; Readability chose the body`);
    fromRule = undefined;
  }
  // 6. The body: the rule's container, else Readability on the cleaned page.
  let body = fromRule ? joinContent(doc, fromRule.elements) : null;
  if (!body) {
    const r = extractWithReadability(doc, { charThreshold: readabilityChars });
    body = r.element;
    meta.title ??= r.readabilityTitle;
    if (!meta.authors.length && r.readabilityByline) meta.authors = splitAuthors([r.readabilityByline], ctx.vocabulary);
  }
  // 7. Post-clean what the extractor kept.
  if (body) postClean(ctx, body, meta);
  const paragraphs = body ? blocksOf(body) : [];
  const text = paragraphs.join('\n\n');
  const bodyHtml = body ? sanitizeBody(body.innerHTML) : '';
  const access = decideAccess(p.signals, { removed: ctx.removed, bodyText: text });
  return {
    words: countWords(text),
    result: {
      title: meta.title,
      authors: meta.authors,
      published: meta.published,
      modified: meta.modified,
      siteName: meta.siteName,
      section: meta.section,
      lang: meta.lang ?? p.lang,
      description: meta.description,
      canonicalUrl: meta.canonicalUrl,
      text,
      html: bodyHtml,
      comments: p.comments,
      access,
      removed: ctx.removed,
      rules: p.matchedRules.map((r) => r.id),
      warnings: ctx.warnings,
    },
  };
}

/**
 * A page likely to come out thin, told before the strip step: little paragraph text. Such a page keeps a clone of
 * its prepared document for the retries (about a twentieth of the page's cleaning time); any other page that
 * comes out thin is read once more instead.
 */
function atRisk(p: Prepared): boolean {
  // The language guess read the same paragraphs up to PARAGRAPH_CHARS: under this limit there, they are all under it.
  const read = PARAGRAPH_CHARS >= RISK_PARAGRAPH_CHARS ? p.paragraphChars : undefined;
  return (read ?? paragraphText(p.ctx.document, RISK_PARAGRAPH_CHARS).length) < RISK_PARAGRAPH_CHARS;
}

function isThin(words: number, declared: number | undefined): boolean {
  return words < THIN_WORDS || (declared !== undefined && declared >= THIN_WORDS * 2 && words < declared * THIN_SHARE);
}

/** Cleans one HTML page (already decoded to a string). */
export function cleanHtml(html: string, page: PageInput, env: PipelineEnv): Result {
  let p = prepare(html, page, env);
  try {
    const declared = p.signals.declaredWords;
    // A page likely to come out thin keeps a clone of its prepared document for the retries (see atRisk).
    let spare = atRisk(p) ? p.parsed.clone() : undefined;
    const first = extract(p, p.ctx.document, {});
    if (!isThin(first.words, declared) || !p.pageHasWords) {
      if (first.words === 0) first.result.warnings.push('no article found: the page has too little text');
      return first.result;
    }
    if (!spare) {
      // Not foreseen: the first attempt consumed the only prepared document, so the page is read once more.
      p.parsed.close();
      p = prepare(html, page, env);
      spare = p.ctx.document;
    }
    let best = first;
    let won: ExtractSettings | undefined;
    for (const [i, settings] of RETRIES.entries()) {
      if (i > 0 && !isThin(best.words, declared)) break;
      // The last retry may consume the spare document itself; the others work on a clone of it.
      const doc = i === RETRIES.length - 1 ? spare : p.parsed.clone(spare);
      const attempt = extract(p, doc, settings);
      if (attempt.words > best.words) {
        best = attempt;
        won = settings;
      }
    }
    if (isThin(best.words, declared)) {
      const of = declared ? ` of about ${declared} declared` : '';
      best.result.warnings.push(best.words === 0 ? 'no article found' : `thin body: ${best.words} words${of}`);
    }
    if (won) best.result.warnings.push(`thin body: kept the retry with ${describeSettings(won)}`);
    return best.result;
  } finally {
    p.parsed.close();
  }
}

/**
 * Cleans one plain-text capture: the language is guessed from the text (no markup declares it), so a German
 * capture loses its German prompts and is read for German access wording, as the same page as HTML is.
 */
export function cleanText(raw: string, page: PageInput, env: PipelineEnv): Result {
  const matched = matchTextRules(env.rules, { url: page.url, text: raw, outletRules: env.outletRules });
  const lang = guessLang(raw, env.vocabulary);
  const t = cleanTextPage(raw, { rules: matched.rules, phrases: env.phrasesFor([lang], matched.rules), vocabulary: env.vocabulary });
  const { paragraphs, ...fields } = t;
  const warnings = t.text ? t.warnings : [...t.warnings, 'no article found'];
  return {
    ...fields,
    ...(lang ? { lang } : {}),
    html: paragraphsToHtml(paragraphs),
    access: decideAccess(emptyAccessSignals(env.accessFor(lang)), { removed: t.removed, bodyText: t.text }),
    rules: matched.rules.map((r) => r.id),
    warnings,
  };
}
