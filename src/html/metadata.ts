/**
 * Metadata: rule selectors first, then JSON-LD, then meta tags, then what Readability guessed.
 * Read before the body is extracted, because extraction changes the document.
 */
import type { PageContext } from '../context.js';
import type { RuleFile } from '../rules/types.js';
import { dateOrderOf, isoFromMachine } from '../dates.js';
import { safeQuery, safeQueryAll, textOf } from './dom-utils.js';
import { articleObject, namesOf, stringOf } from './jsonld.js';
import type { CleanResult } from '../types.js';
import { countWords } from '../words.js';
import { findStandfirst, type Standfirst } from './standfirst.js';
import { MAX_HEADLINES, readPageDates } from './page-dates.js';
import { cleanAuthor, splitAuthors } from '../bylines.js';
import type { Vocabulary } from '../rules/vocabulary.js';

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

function authorsFromRules(doc: Document, rules: RuleFile[], vocabulary: Vocabulary): string[] {
  for (const rule of [...rules].reverse()) {
    for (const sel of rule.authors ?? []) {
      const names = safeQueryAll(doc, sel).map((el) => cleanAuthor(el.getAttribute('content') ?? textOf(el), vocabulary)).filter((x): x is string => !!x);
      if (names.length) return dedupe(names);
    }
  }
  return [];
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

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

/** Separators between a headline and a site name in a title ("Story | Site", "Site - Story", "Story — Site"). */
const TITLE_SEPARATOR = /\s+[|\-–—»·:]\s+|\s+::\s+/;

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Names a page goes by: its declared site name and its host's name ("www.example.co.uk" -> "example"). */
function siteNames(siteName: string | undefined, host: string | undefined): string[] {
  const names = siteName ? [squash(siteName)] : [];
  const label = host?.replace(/^www\d?\./i, '').split('.')[0];
  if (label && label.length > 2) names.push(squash(label));
  return names.filter(Boolean);
}

/** Whether a title part is the site's name: it equals one, or is one with a TLD or a short tagline. */
function isSiteName(part: string, names: string[]): boolean {
  const p = squash(part);
  return !!p && names.some((n) => p === n || (p.startsWith(n) && p.length <= n.length + 4) || (n.length >= 4 && p.startsWith(n) && countWords(part) <= 4));
}

/**
 * A title without its site name ("Story | Site" -> "Story"): a part that is a headline of the page
 * stands for the title; else the first or last part is dropped when it is the declared site name or the
 * host's name; else, for a document title, the longest part of three words or more stands for it.
 */
function trimTitle(title: string, siteName: string | undefined, host: string | undefined, guess: boolean, headlines: string[] = []): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const heads = headlines.map(squash).filter((h) => h.length > 8);
  const headline = parts.find((p) => heads.includes(squash(p)));
  if (headline) return headline;
  const names = siteNames(siteName, host);
  if (names.length) {
    if (isSiteName(parts[parts.length - 1]!, names)) return parts.slice(0, -1).join(' - ');
    if (isSiteName(parts[0]!, names)) return parts.slice(1).join(' - ');
  }
  if (!guess) return title;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return countWords(longest) >= 3 ? longest : title;
}

/** Character references left in a value that was escaped twice ("&amp;#038;" arrives as "&#038;"). */
function decodeLeftEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…' };
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (all, ref: string) => {
    if (ref[0] !== '#') return named[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

export function readMetadata(ctx: PageContext): PageMetadata {
  const doc = ctx.document;
  const tags = metaTags(doc);
  const meta = (...names: string[]) => metaOf(tags, ...names);
  const ld = articleObject(ctx.jsonLd);
  const siteName = meta('og:site_name', 'application-name') ?? stringOf(ld?.publisher);
  const h1Elements = safeQueryAll(doc, 'h1').slice(0, MAX_HEADLINES);
  const h1s = h1Elements.map((e) => textOf(e).replace(/\s+/g, ' ').trim());
  const h1 = h1s[0] ?? '';
  const docTitle = boundedTitle(textOf(safeQuery(doc, 'title')));
  const section = fromRules(doc, ctx.rules, 'section') ?? stringOf(ld?.articleSection) ?? meta('article:section');
  const declared = stringOf(ld?.headline) ?? meta('og:title', 'twitter:title');
  const title =
    fromRules(doc, ctx.rules, 'title') ??
    agreedTitle(declared, h1, docTitle, [siteName, section]) ??
    // Without a declared title: the headline when the document title agrees with it or it has a few words
    // (a one- or two-word <h1> is often a menu's or a section's heading), else the document title without
    // its site name, unless that is all it is.
    (h1 && (countWords(h1) >= 3 || docTitle?.toLowerCase().includes(h1.toLowerCase())) ? h1 : undefined) ??
    (docTitle && !isSiteName(docTitle, siteNames(siteName, ctx.host)) ? trimTitle(docTitle, siteName, ctx.host, true, h1s) : undefined) ??
    (h1 || docTitle || undefined);
  const ruleAuthors = authorsFromRules(doc, ctx.rules, ctx.vocabulary);
  const authors = ruleAuthors.length
    ? ruleAuthors
    : splitAuthors(namesOf(ld?.author).length ? namesOf(ld?.author) : [meta('author', 'article:author', 'sailthru.author', 'parsely-author', 'dc.creator') ?? ''].filter((a) => !/^https?:/.test(a)), ctx.vocabulary);
  const declaredPublished = isoFromMachine(
    fromRules(doc, ctx.rules, 'published') ??
      stringOf(ld?.datePublished) ??
      meta('article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued', 'sailthru.date', 'parsely-pub-date') ??
      safeQuery(doc, 'time[datetime]')?.getAttribute('datetime'),
  );
  const declaredModified = isoFromMachine(fromRules(doc, ctx.rules, 'modified') ?? stringOf(ld?.dateModified) ?? meta('article:modified_time', 'og:updated_time', 'dateModified'));
  // Dates printed beside the headline, for pages that declare none in their markup.
  // Machine values keep the software's order (US for slashes, whatever the page's language); printed
  // dates follow the page's locale.
  const locale = doc.documentElement?.getAttribute('lang') ?? meta('og:locale', 'content-language', 'language');
  const order = dateOrderOf(locale);
  const printed = declaredPublished && declaredModified ? {} : readPageDates(doc, title, order, h1Elements);
  const published = declaredPublished ?? printed.published;
  const modified = declaredModified ?? printed.modified;
  const lang = normaliseLang(locale ?? stringOf(ld?.inLanguage));
  const description = meta('description', 'og:description', 'twitter:description') ?? stringOf(ld?.description);
  const canonical = safeQuery(doc, 'link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url');
  return {
    title: title && trimTitle(decodeLeftEntities(title).replace(/\s+/g, ' ').trim(), siteName, ctx.host, false, h1s),
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
