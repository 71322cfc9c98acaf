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
import { parseHtml } from './dom/index.js';
import { blocksOf } from './html/blocks.js';
import { stripBoilerplate } from './html/boilerplate.js';
import { contentFromRules, extractWithReadability, joinContent } from './html/extract.js';
import { parseJsonLd } from './html/jsonld.js';
import { guessLang, paragraphText } from './html/lang.js';
import { normaliseLang, readMetadata, splitAuthors } from './html/metadata.js';
import { boundDepth, flattenDeepNesting, MAX_DEPTH } from './html/flatten.js';
import { paragraphsToHtml } from './html/from-text.js';
import { postClean } from './html/postclean.js';
import { sanitizeBody } from './html/sanitize.js';
import { matchRules, matchTextRules } from './rules/match.js';
import type { PhraseMatcher } from './rules/phrases.js';
import type { RuleFile } from './rules/types.js';
import type { RuleSet } from './rules/load.js';
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
  /** Access-prompt wording for a language, English included (cached by the cleaner). */
  accessFor(lang: string | undefined): AccessVocabulary;
}

/** A body under this many words is thin: retried with gentler settings, then reported. */
const THIN_WORDS = 60;
/** A body under this share of the declared article length is thin too. */
const THIN_SHARE = 0.5;

interface Attempt {
  result: Omit<CleanResult, 'id' | 'url' | 'error' | 'explain'>;
  words: number;
}


function runOnce(html: string, page: PageInput, env: PipelineEnv, gentle: 0 | 1 | 2): Attempt & { declaredWords?: number; pageHasWords: boolean } {
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
    const guessed = guessLang(paragraphText(doc)) ?? (declared ? undefined : guessLang((doc.body?.textContent ?? '').slice(0, 20000)));
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
      access: env.accessFor(lang),
      lang,
      removed: [],
      warnings: [...parsed.warnings, ...(flattened ? [`nesting deeper than ${MAX_DEPTH} levels: ${flattened} elements collapsed`] : [])],
    };
    const pageHasWords = hasWords(doc.body, THIN_WORDS);
    // 2. Comments leave the page before anything scores content, so they can neither leak nor win.
    const comments = detachComments(ctx);
    // The rest of the page is held to MAX_DEPTH for the steps that walk it (above all Readability).
    const deep = boundDepth(doc, MAX_DEPTH);
    if (deep) ctx.warnings.push(`nesting deeper than ${MAX_DEPTH} levels after the comments: ${deep} elements flattened`);
    // 3. Access signals are read from the page as served: the paywall markup is about to be stripped.
    const signals = collectAccessSignals(ctx);
    // 4. Metadata before extraction, which rewrites the document.
    const meta = readMetadata(ctx);
    // 5. Boilerplate goes; an outlet's content container is protected from generic removals.
    const fromRule = contentFromRules(ctx);
    stripBoilerplate(ctx, { protect: fromRule?.elements, gentle });
    // 6. The body: the rule's container, else Readability on the cleaned page.
    let body = fromRule ? joinContent(doc, fromRule.elements) : null;
    let byline: string | undefined;
    if (!body) {
      const r = extractWithReadability(doc, gentle ? { charThreshold: 100 } : {});
      body = r.element;
      byline = r.readabilityByline;
      meta.title ??= r.readabilityTitle;
      if (!meta.authors.length && byline) meta.authors = splitAuthors([byline]);
    }
    // 7. Post-clean what the extractor kept.
    if (body) postClean(ctx, body, meta);
    const paragraphs = body ? blocksOf(body) : [];
    const text = paragraphs.join('\n\n');
    const bodyHtml = body ? sanitizeBody(body.innerHTML) : '';
    const access = decideAccess(signals, { removed: ctx.removed, bodyText: text });
    const words = countWords(text);
    return {
      words,
      pageHasWords,
      declaredWords: signals.declaredWords,
      result: {
        title: meta.title,
        authors: meta.authors,
        published: meta.published,
        modified: meta.modified,
        siteName: meta.siteName,
        section: meta.section,
        lang: meta.lang ?? lang,
        description: meta.description,
        canonicalUrl: meta.canonicalUrl,
        text,
        html: bodyHtml,
        comments,
        access,
        removed: ctx.removed,
        rules: matched.rules.map((r) => r.id),
        warnings: ctx.warnings,
      },
    };
  } finally {
    parsed.close();
  }
}

function isThin(words: number, declared: number | undefined): boolean {
  return words < THIN_WORDS || (declared !== undefined && declared >= THIN_WORDS * 2 && words < declared * THIN_SHARE);
}

/** Cleans one HTML page (already decoded to a string). */
export function cleanHtml(html: string, page: PageInput, env: PipelineEnv): Attempt['result'] {
  const first = runOnce(html, page, env, 0);
  if (!isThin(first.words, first.declaredWords) || !first.pageHasWords) {
    if (first.words === 0) first.result.warnings.push('no article found: the page has too little text');
    return first.result;
  }
  // The body came out thin: try again without class/id token removal and with Readability's lower threshold.
  const second = runOnce(html, page, env, 1);
  let best = second.words > first.words ? second : first;
  // Still thin: the article may be hidden until a script shows it, or sit in an element named like an aside.
  const third = isThin(best.words, best.declaredWords) ? runOnce(html, page, env, 2) : undefined;
  if (third && third.words > best.words) best = third;
  if (isThin(best.words, best.declaredWords)) {
    const declared = best.declaredWords ? ` of about ${best.declaredWords} declared` : '';
    best.result.warnings.push(best.words === 0 ? 'no article found' : `thin body: ${best.words} words${declared}`);
  }
  if (best === second) best.result.warnings.push('body found with gentler settings (class/id token removal off)');
  if (best === third) best.result.warnings.push('body found with the gentlest settings (hidden elements shown, generic selectors off)');
  return best.result;
}

/**
 * Cleans one plain-text capture: the language is guessed from the text (no markup declares it), so a German
 * capture loses its German prompts and is read for German access wording, as the same page as HTML is.
 */
export function cleanText(raw: string, page: PageInput, env: PipelineEnv): Attempt['result'] {
  const matched = matchTextRules(env.rules, { url: page.url, text: raw, outletRules: env.outletRules });
  const lang = guessLang(raw);
  const t = cleanTextPage(raw, { rules: matched.rules, phrases: env.phrasesFor([lang], matched.rules) });
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
