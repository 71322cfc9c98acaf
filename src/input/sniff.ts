/** Which reader a file needs: by its extension, else by its first bytes. */
import type { ConcreteFormat } from './types.js';

const BY_EXTENSION: [RegExp, ConcreteFormat][] = [
  [/\.(warc|arc)$/i, 'warc'],
  [/\.(jsonl|ndjson)$/i, 'jsonl'],
  [/\.(html?|xhtml|shtml)$/i, 'html'],
  [/\.(txt|text)$/i, 'text'],
];

/** Extensions a directory walk picks up, each also gzipped (`.html.gz`, `.jsonl.gz`, `.warc.gz`). */
export const KNOWN_EXTENSIONS = /\.(warc|arc|jsonl|ndjson|html?|xhtml|shtml|txt|text)(\.gz)?$/i;

/** Strips the extension the reader was chosen by (both parts of `.warc.gz` or `.html.gz`). */
export function stripExtension(path: string): string {
  return path.replace(/\.gz$/i, '').replace(/\.[^./\\]+$/, '');
}

/** The format a name says, looking through a `.gz` (a gzipped file is read through gunzip, whatever it holds). */
export function formatFromName(path: string): ConcreteFormat | undefined {
  const plain = path.replace(/\.gz$/i, '');
  return BY_EXTENSION.find(([re]) => re.test(plain))?.[1];
}

/** Whether bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** Guesses a format from the first bytes: gzip or `WARC/` is a WARC, `{` JSONL, `<` HTML, else text. */
export function formatFromBytes(head: Uint8Array): ConcreteFormat {
  if (isGzip(head)) return 'warc';
  const start = new TextDecoder('utf-8').decode(head.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('WARC/')) return 'warc';
  if (start.startsWith('{')) return 'jsonl';
  if (start.startsWith('<')) return 'html';
  // Bytes that are not text go down the HTML path, which sniffs charsets and reports what it cannot read.
  if (head.subarray(0, 512).includes(0)) return 'html';
  return 'text';
}
