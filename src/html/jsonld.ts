/** JSON-LD: parse the page's blocks leniently and flatten `@graph`, so each object can be asked for its type. */
import { countWords } from '../words.js';

export type JsonObject = Record<string, unknown>;

export function parseJsonLd(blocks: string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as JsonObject;
      out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const raw of blocks) {
    const text = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\s*\/\/.*$/gm, '');
    try {
      visit(JSON.parse(text));
    } catch {
      // Broken JSON-LD is common (trailing commas, raw newlines in strings): try once with those mended.
      try {
        visit(JSON.parse(text.replace(/,\s*([}\]])/g, '$1').replace(/[\u0000-\u001f]+/g, ' ')));
      } catch {
        /* unreadable block: skip */
      }
    }
  }
  return out;
}

export function typesOf(o: JsonObject): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|WebPage|Review|SocialMediaPosting|BackgroundNewsArticle)$/;

/** The object that describes the article: an Article type first, a WebPage last. */
export function articleObject(objects: JsonObject[]): JsonObject | undefined {
  const ranked = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  return ranked.find((o) => !typesOf(o).includes('WebPage')) ?? ranked[0];
}

/** Types whose objects may declare the article's access and length. */
export const DECLARING_TYPE = /Article|Posting|Report|WebPage|CreativeWork|NewsArticle/;

/** JSON-LD objects that describe the article, the article's own first (a WebPage or WebSite after). */
export function declaringObjects(objects: JsonObject[]): JsonObject[] {
  const rank = (o: JsonObject) => (/Article|Posting|Report/.test(typesOf(o).join(' ')) ? 0 : 1);
  return [...objects].sort((a, b) => rank(a) - rank(b)).filter((o) => DECLARING_TYPE.test(typesOf(o).join(' ')));
}

export interface DeclaredLength {
  words: number;
  from: 'wordCount' | 'articleBody';
}

/**
 * The article's declared length, in words: the first describing object's `wordCount`, else the words of its
 * `articleBody`. The one computation the thin-body check and the access state share.
 */
export function declaredLength(objects: JsonObject[]): DeclaredLength | undefined {
  for (const obj of declaringObjects(objects)) {
    const wc = Number(obj.wordCount);
    if (Number.isFinite(wc) && wc > 0) return { words: wc, from: 'wordCount' };
    if (typeof obj.articleBody === 'string' && obj.articleBody.trim()) return { words: countWords(obj.articleBody), from: 'articleBody' };
  }
  return undefined;
}

export function stringOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return stringOf(v[0]);
  if (v && typeof v === 'object') return stringOf((v as JsonObject).name ?? (v as JsonObject)['@value']);
  return undefined;
}

export function namesOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => stringOf(x)).filter((x): x is string => !!x);
}
