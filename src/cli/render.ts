/**
 * One result as a document for people: text, markdown or a standalone HTML page. Each carries a header
 * (title, byline, dates, URL) and the reader comments as a closing section, unless asked to leave them out.
 * Comments are rendered from their plain `text` only: a comment's own HTML never reaches the output.
 */
import { createRequire } from 'node:module';
import type TurndownService from 'turndown';
import { escapeHtml, paragraphsToHtml } from '../html/from-text.js';
import type { CleanResult, Comment } from '../types.js';

export type DocumentFormat = 'text' | 'html' | 'markdown';

export interface RenderOptions {
  /** The header: title, byline, dates and URL (default true). */
  meta?: boolean;
  /** The reader comments section (default true). */
  comments?: boolean;
}

// Loaded on the first markdown document: turndown brings a DOM of its own, which other formats never need.
const require = createRequire(import.meta.url);
let turndown: TurndownService | undefined;

/** The explain trail, when present, is appended after the comments. */
export function renderDocument(result: CleanResult, format: DocumentFormat, options: RenderOptions = {}): string {
  if (result.error) {
    const line = `error ${result.error.code}: ${result.error.message}`;
    return format === 'html' ? `<!-- ${escapeComment(line)} -->\n` : `(${line})\n`;
  }
  const meta = options.meta !== false;
  const comments = options.comments !== false ? result.comments.items : [];
  if (format === 'html') return renderHtml(result, meta, comments);
  const parts: string[] = [];
  if (meta) parts.push(...(format === 'markdown' ? markdownHeader(result) : textHeader(result)));
  if (format === 'markdown') {
    turndown ??= new (require('turndown') as typeof TurndownService)({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
    parts.push(turndown.turndown(result.html || ''));
  } else {
    parts.push(result.text);
  }
  if (comments.length) parts.push(format === 'markdown' ? markdownComments(comments) : textComments(comments));
  if (result.explain) parts.push(`---\n${result.explain}`);
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

/** Byline, dates and URL, each a short phrase; the title stands apart as the heading. */
function metaLines(result: CleanResult): string[] {
  const lines: string[] = [];
  if (result.authors.length) lines.push(`By ${result.authors.join(', ')}`);
  if (result.published) lines.push(`Published ${result.published}`);
  if (result.modified && result.modified !== result.published) lines.push(`Updated ${result.modified}`);
  const url = result.url ?? result.canonicalUrl;
  if (url) lines.push(url);
  return lines;
}

function textHeader(result: CleanResult): string[] {
  const lines = metaLines(result);
  return [result.title ?? '', lines.join('\n')];
}

function markdownHeader(result: CleanResult): string[] {
  const url = result.url ?? result.canonicalUrl;
  const lines = metaLines(result).map((line) => (line === url ? `<${line}>` : markdownText(line)));
  return [result.title ? `# ${markdownText(result.title)}` : '', lines.join('  \n')];
}

/** A comment's header: who, when, as the page printed it when the fields are missing. */
function commentHeader(c: Comment): string {
  const who = [c.author, c.published].filter(Boolean).join(' · ');
  return who || (c.header ?? '').replace(/\s*\n\s*/g, ' ');
}

function textComments(items: Comment[]): string {
  const blocks = items.map((c) => {
    const pad = '  '.repeat(c.depth);
    const lines = [commentHeader(c), c.text, c.footer ?? ''].filter(Boolean).join('\n');
    return lines.replace(/^/gm, pad);
  });
  return `Comments (${items.length})\n\n${blocks.join('\n\n')}`;
}

function markdownComments(items: Comment[]): string {
  const blocks = items.map((c) => {
    const header = commentHeader(c);
    const lines = [header ? `**${markdownText(header)}**` : '', markdownText(c.text), c.footer ? `*${markdownText(c.footer)}*` : ''];
    const block = lines.filter(Boolean).join('\n\n');
    // A reply is quoted one level deeper than what it answers.
    const quote = '> '.repeat(c.depth);
    return c.depth ? block.split('\n').map((line) => (line ? quote + line : quote.trimEnd())).join('\n') : block;
  });
  return `## Comments (${items.length})\n\n${blocks.join('\n\n')}`;
}

/** Plain text that markdown would read as markup (`*`, `_`, `#` at a line start, `<`...) is escaped. */
function markdownText(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, '$1\\$2');
}

function renderHtml(result: CleanResult, meta: boolean, comments: Comment[]): string {
  const lang = result.lang ? ` lang="${escapeAttr(result.lang)}"` : '';
  const title = result.title ? escapeHtml(result.title) : '';
  const lines = [`<!DOCTYPE html>`, `<html${lang}><head><meta charset="utf-8"><title>${title}</title></head>`, `<body><article>`];
  if (meta) {
    const header: string[] = [];
    if (title) header.push(`<h1>${title}</h1>`);
    if (result.authors.length) header.push(`<p class="byline">By ${escapeHtml(result.authors.join(', '))}</p>`);
    if (result.published) header.push(`<p class="published">Published <time datetime="${escapeAttr(result.published)}">${escapeHtml(result.published)}</time></p>`);
    if (result.modified && result.modified !== result.published) {
      header.push(`<p class="modified">Updated <time datetime="${escapeAttr(result.modified)}">${escapeHtml(result.modified)}</time></p>`);
    }
    const url = result.url ?? result.canonicalUrl;
    if (url) header.push(`<p class="url"><a href="${escapeAttr(safeHref(url))}">${escapeHtml(url)}</a></p>`);
    if (header.length) lines.push(`<header>\n${header.join('\n')}\n</header>`);
  }
  lines.push(result.html);
  if (comments.length) {
    const items = comments.map((c) => {
      const header = commentHeader(c);
      const parts = [
        header ? `<p class="comment-header">${escapeHtml(header)}</p>` : '',
        paragraphsToHtml(c.text.split(/\n\s*\n/)),
        c.footer ? `<p class="comment-footer">${escapeHtml(c.footer)}</p>` : '',
      ];
      return `<article class="comment" data-depth="${c.depth}">\n${parts.filter(Boolean).join('\n')}\n</article>`;
    });
    lines.push(`<section class="comments">\n<h2>Comments (${comments.length})</h2>\n${items.join('\n')}\n</section>`);
  }
  lines.push(`</article>${result.explain ? `\n<pre class="declutter-explain">${escapeHtml(result.explain)}</pre>` : ''}</body></html>`, '');
  return lines.filter((line, i, all) => line !== '' || i === all.length - 1).join('\n');
}

/** Only http(s) links: a page's URL field is the page's own text. */
function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function escapeAttr(s: string): string {
  return escapeHtml(s).replace(/"/g, '&quot;');
}

export function escapeComment(s: string): string {
  return s.replace(/--/g, '- -');
}
