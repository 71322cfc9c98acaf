/** JSON-LD: parse the page's blocks leniently and flatten `@graph`, so each object can be asked for its type. */
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
