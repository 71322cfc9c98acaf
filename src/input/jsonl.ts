/** JSONL: one page per line, `{id?, url?, html? | text?, contentType?}`; a bad line becomes an error item. */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { PageInput } from '../types.js';
import type { InputItem } from './types.js';

/** Reads lines from a byte stream; line numbers count from 1, blank lines are skipped. */
export async function* readJsonl(source: AsyncIterable<Uint8Array>, folder: string): AsyncGenerator<InputItem> {
  const lines = createInterface({ input: Readable.from(source), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw; // a UTF-8 BOM starts the file, not the first record
    if (!line.trim()) continue;
    yield parseJsonlLine(line, lineNo, folder);
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
