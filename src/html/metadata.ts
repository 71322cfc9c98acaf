/**
 * Metadata: rule selectors first, then JSON-LD, then meta tags, then what Readability guessed.
 * Read before the body is extracted, because extraction changes the document.
 */
import type { PageContext } from '../context.js';
import type { RuleFile } from '../rules/types.js';
import { toIsoDate } from './dates.js';
import { safeQuery, safeQueryAll, textOf } from './dom-utils.js';
import { articleObject, namesOf, stringOf } from './jsonld.js';
import type { CleanResult } from '../types.js';
import { countWords } from '../words.js';
import { findStandfirst, type Standfirst } from './standfirst.js';
import { allWords, alternation, BYLINE_HEADS } from '../vocabulary.js';

export interface PageMetadata
  extends Pick<CleanResult, 'title' | 'authors' | 'published' | 'modified' | 'siteName' | 'section' | 'lang' | 'description' | 'canonicalUrl'> {
  /** The lead under the headline, found before extraction; post-cleaning puts it back when it opens the body. */
  standfirst?: Standfirst;
}

type MetaTags = Map<string, string>;

/** Every `<meta>` with content, by its property, name or itemprop (lower case), first one winning: one pass, not a query per name. */
function metaTags(doc: Document): MetaTags {
  const out: MetaTags = new Map();
  for (const el of safeQueryAll(doc, 'meta[content]')) {
    const v = el.getAttribute('content')?.trim();
    if (!v) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const k = el.getAttribute(attr)?.trim().toLowerCase();
      if (k && !out.has(k)) out.set(k, v);
    }
  }
  return out;
}

function metaOf(tags: MetaTags, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = tags.get(n.toLowerCase());
    if (v) return v;
  }
  return undefined;
}

/** Value of the first element matching a rule's selectors, outlet rule first. */
function fromRules(doc: Document, rules: RuleFile[], field: 'title' | 'published' | 'modified' | 'section'): string | undefined {
  for (const rule of [...rules].reverse()) {
    for (const sel of rule[field] ?? []) {
      for (const el of safeQueryAll(doc, sel)) {
        const v = el.getAttribute('datetime') ?? el.getAttribute('content') ?? textOf(el);
        if (v?.trim()) return v.trim();
      }
    }
  }
  return undefined;
}

function authorsFromRules(doc: Document, rules: RuleFile[]): string[] {
  for (const rule of [...rules].reverse()) {
    for (const sel of rule.authors ?? []) {
      const names = safeQueryAll(doc, sel).map((el) => el.getAttribute('content') ?? textOf(el)).map(cleanAuthor).filter((x): x is string => !!x);
      if (names.length) return dedupe(names);
    }
  }
  return [];
}

/** A dateline before a byline: a place in capitals, maybe an agency, then a dash ("NEW YORK --", "LONDON (Reuters) -"). */
const DATELINE = /^[A-Z][A-Z.' ]+(?:\([^)]*\)\s*(?:--?|—|–)|--|—|–)\s+/;
/** A date or a time as bylines print them ("March 3, 2024", "3 March 2024", "03/05/2024", "2024-03-05", "10:30 AM"). */
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DATE_TEXT = String.raw`(?:${MONTH} \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}\.? ${MONTH} \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(?:am|pm)?)`;
/** What trails a name in a byline block: a date, a time or an update note ("Jane Doe, March 3, 2024", "Jane Doe | Updated 10:30 AM"). */
const TRAILING_DATE = new RegExp(String.raw`(?:\s*[,|·•]\s*|\s+)(?:(?:updated|published|posted|last modified)\b|${DATE_TEXT}).*$`, 'i');
const DATE_ONLY = new RegExp(String.raw`^${DATE_TEXT}`, 'i');

/** "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]; URLs, datelines, dates and empty names dropped. */
export function cleanAuthor(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const s = bylineText(raw);
  if (!s || !/\p{L}/u.test(s) || /^https?:\/\//i.test(s) || s.length > 100) return undefined;
  return s;
}

/** Longest `<title>` text taken as a title: an unclosed `<title>` swallows the rest of the page as its text. */
const MAX_TITLE = 300;

/** The document title's text, or nothing when it is markup an unclosed `<title>` swallowed. */
function boundedTitle(text: string): string | undefined {
  const head = text.split(/<[a-z!/]/i, 1)[0]!.trim();
  return head && head.length <= MAX_TITLE ? head : undefined;
}

/**
 * The headline when the declared title is a section or site name ("News", "The Times") and the page's
 * `<h1>` and `<title>` agree on a headline; otherwise the declared title.
 */
function agreedTitle(declared: string | undefined, h1: string, docTitle: string | undefined, names: (string | undefined)[]): string | undefined {
  if (!declared || !h1 || countWords(h1) < 3 || !docTitle?.toLowerCase().includes(h1.toLowerCase())) return declared;
  const isName = names.some((n) => n && n.trim().toLowerCase() === declared.trim().toLowerCase());
  return isName || (countWords(declared) <= 2 && !h1.toLowerCase().includes(declared.toLowerCase())) ? h1 : declared;
}

/** A byline without what surrounds the names: spacing, a dateline, "By", a trailing date. */
/** A byline's opening word in any language (src/vocabulary.ts). */
const BYLINE_HEAD = new RegExp(`^(${alternation(allWords(BYLINE_HEADS))})\\s+`, 'i');

function bylineText(raw: string): string {
  const text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(DATELINE, '')
    .replace(BYLINE_HEAD, '')
    .replace(TRAILING_DATE, '')
    .trim();
  return DATE_ONLY.test(text) ? '' : text;
}

/** Names from bylines: each split at commas and "and", then cleaned. */
export function splitAuthors(names: string[]): string[] {
  return dedupe(names.flatMap((n) => bylineText(n).split(/\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*/i)).map(cleanAuthor).filter((x): x is string => !!x));
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

/** Strips a site-name suffix or prefix from a document title ("Story | Site" -> "Story"). */
function trimTitle(title: string, siteName?: string): string {
  const parts = title.split(/\s+[|\-–—»·:]\s+/);
  if (parts.length < 2) return title;
  if (siteName) {
    const rest = parts.filter((p) => p.trim().toLowerCase() !== siteName.toLowerCase());
    if (rest.length && rest.length < parts.length) return rest.join(' - ');
  }
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return countWords(longest) >= 3 ? longest : title;
}

export function readMetadata(ctx: PageContext): PageMetadata {
  const doc = ctx.document;
  const tags = metaTags(doc);
  const meta = (...names: string[]) => metaOf(tags, ...names);
  const ld = articleObject(ctx.jsonLd);
  const siteName = meta('og:site_name', 'application-name') ?? stringOf(ld?.publisher);
  const h1 = textOf(safeQuery(doc, 'h1'));
  const docTitle = boundedTitle(textOf(safeQuery(doc, 'title')));
  const section = fromRules(doc, ctx.rules, 'section') ?? stringOf(ld?.articleSection) ?? meta('article:section');
  const declared = stringOf(ld?.headline) ?? meta('og:title', 'twitter:title');
  const title =
    fromRules(doc, ctx.rules, 'title') ??
    agreedTitle(declared, h1, docTitle, [siteName, section]) ??
    (h1 || undefined) ??
    (docTitle ? trimTitle(docTitle, siteName) : undefined);
  const ruleAuthors = authorsFromRules(doc, ctx.rules);
  const authors = ruleAuthors.length
    ? ruleAuthors
    : splitAuthors(namesOf(ld?.author).length ? namesOf(ld?.author) : [meta('author', 'article:author', 'sailthru.author', 'parsely-author', 'dc.creator') ?? ''].filter((a) => !/^https?:/.test(a)));
  const published = toIsoDate(
    fromRules(doc, ctx.rules, 'published') ??
      stringOf(ld?.datePublished) ??
      meta('article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued', 'sailthru.date', 'parsely-pub-date') ??
      safeQuery(doc, 'time[datetime]')?.getAttribute('datetime'),
  );
  const modified = toIsoDate(fromRules(doc, ctx.rules, 'modified') ?? stringOf(ld?.dateModified) ?? meta('article:modified_time', 'og:updated_time', 'dateModified'));
  const lang = normaliseLang(doc.documentElement?.getAttribute('lang') ?? meta('og:locale', 'content-language', 'language') ?? stringOf(ld?.inLanguage));
  const description = meta('description', 'og:description', 'twitter:description') ?? stringOf(ld?.description);
  const canonical = safeQuery(doc, 'link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url');
  return {
    title: title?.replace(/\s+/g, ' ').trim(),
    authors,
    published,
    modified,
    siteName,
    section,
    lang,
    description,
    canonicalUrl: canonical && /^https?:/i.test(canonical) ? canonical : undefined,
    standfirst: findStandfirst(doc, title),
  };
}

export function normaliseLang(raw: string | null | undefined): string | undefined {
  const m = raw ? /^([a-z]{2})\b/i.exec(raw.trim()) : null;
  return m ? m[1]!.toLowerCase() : undefined;
}
