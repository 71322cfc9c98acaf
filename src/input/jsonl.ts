/**
 * JSONL: one page per line, `{id?, url?, html? | text?, contentType?}`; a bad line becomes an error item. Lines are
 * read as a stream with a byte limit: a longer line is skipped as one TOO_LARGE item without being held, and
 * the lines after it are read.
 */
import type { PageInput } from '../types.js';
import { ByteReader, LINE_TOO_LONG } from './bytes.js';
import { megabytes } from '../limits.js';
import type { InputItem } from './types.js';

/**
 * A line's limit for a page limit: JSON escaping makes a page's line longer than the page (quotes and newlines
 * two bytes, other controls six), so a line may hold twice the page limit; the page itself is held to the limit
 * when it is cleaned.
 */
export const lineLimit = (maxBytes: number) => maxBytes * 2 + 1024;

/** Reads lines from a byte stream; line numbers count from 1, blank lines are skipped; a UTF-8 BOM is ignored. */
export async function* readJsonl(reader: ByteReader, folder: string, maxLineBytes: number): AsyncGenerator<InputItem> {
  let lineNo = 0;
  for (let line = await reader.readLine(maxLineBytes); line !== null; line = await reader.readLine(maxLineBytes)) {
    lineNo++;
    if (line === LINE_TOO_LONG) {
      const id = String(lineNo);
      yield {
        page: { id },
        name: `${folder}/${id}`,
        error: { code: 'TOO_LARGE', message: `line ${lineNo}: over the ${megabytes(maxLineBytes)} line limit (${megabytes(reader.skippedLineBytes)} read and skipped)` },
      };
      continue;
    }
    let text = line.toString('utf8');
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) continue;
    yield parseJsonlLine(text.replace(/\r?\n$/, ''), lineNo, folder);
  }
}

export function parseJsonlLine(line: string, lineNo: number, folder: string): InputItem {
  const fallbackId = String(lineNo);
  // The line number is the id, unless the line is an object that names its own.
  const invalid = (why: string, id = fallbackId): InputItem => ({
    page: { id },
    name: `${folder}/${safeName(id)}`,
    error: { code: 'INVALID_JSONL', message: `line ${lineNo}: ${why}` },
  });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return invalid((err as Error).message);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return invalid('not a JSON object');
  const obj = value as Record<string, unknown>;
  const html = typeof obj.html === 'string' ? obj.html : undefined;
  const text = typeof obj.text === 'string' ? obj.text : undefined;
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : fallbackId;
  if (html === undefined && text === undefined) return invalid('needs an "html" or "text" string', id);
  const page: PageInput = { id };
  if (typeof obj.url === 'string') page.url = obj.url;
  if (html !== undefined) page.html = html;
  else page.text = text;
  if (typeof obj.contentType === 'string') page.contentType = obj.contentType;
  return { page, name: `${folder}/${safeName(id)}` };
}

/** An id made safe as one path segment. */
export function safeName(id: string): string {
  const cleaned = id.replace(/^[a-z]+:\/\//i, '').replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(0, 120) || 'record';
}
