/** Helpers for the comments tests: a page context built the way the pipeline builds it (real rules, real matching). */
import { detachComments } from '../src/comments/index.js';
import type { PageContext } from '../src/context.js';
import { parseHtml } from '../src/dom/index.js';
import { parseJsonLd } from '../src/html/jsonld.js';
import { loadRules, type RuleSet } from '../src/rules/load.js';
import { matchRules } from '../src/rules/match.js';
import { compilePhrases, phraseEntries, phraseFiles } from '../src/rules/phrases.js';
import { compileAccessVocabulary } from '../src/access.js';
import type { Comments, DomName } from '../src/types.js';

let bundled: RuleSet | undefined;

export function rules(): RuleSet {
  bundled ??= loadRules();
  return bundled;
}

export function contextOf(html: string, dom: DomName, url = 'https://news.example.com/2012/07/a-story'): PageContext {
  const page = parseHtml(html, { dom, url });
  const matched = matchRules(rules(), { url, doc: page.document, scripts: page.scripts });
  return {
    url,
    host: matched.host,
    document: page.document,
    scripts: page.scripts,
    jsonLd: parseJsonLd(page.jsonLd),
    rules: matched.rules,
    disabled: matched.disabled,
    phrases: compilePhrases(phraseEntries(rules(), ['en'], matched.rules)),
    access: compileAccessVocabulary(phraseFiles(rules(), ['en'])),
    lang: 'en',
    removed: [],
    warnings: [],
  };
}

export interface Detached {
  comments: Comments;
  ctx: PageContext;
  /** The page's text after the comments left, whitespace collapsed. */
  pageText: string;
}

export function detach(html: string, dom: DomName): Detached {
  const ctx = contextOf(html, dom);
  const comments = detachComments(ctx);
  return { comments, ctx, pageText: (ctx.document.body?.textContent ?? '').replace(/\s+/g, ' ') };
}

/** Distinct article paragraphs, long enough for Readability to take them as the body. */
export function articleParagraphs(n: number, topic = 'council'): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `<p>Paragraph ${i + 1} of the ${topic} story: the members met on Tuesday evening to weigh the budget for the coming year, ` +
        `and item ${i + 1} on the agenda drew a long debate about roads, schools and the library opening hours in the ${topic} district.</p>`,
    );
  }
  return out.join('\n');
}

export function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A story</title>${head}</head><body>${body}</body></html>`;
}
