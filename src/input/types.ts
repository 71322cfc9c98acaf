import type { CleanError, PageInput } from '../types.js';

export const INPUT_FORMATS = ['auto', 'html', 'text', 'jsonl', 'warc'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type ConcreteFormat = Exclude<InputFormat, 'auto'>;

/** Bytes `start` (included) to `end` (excluded) of a source. */
export interface ByteRange {
  start: number;
  end: number;
}

/** One place pages come from: a file, an http(s) URL (read with fetch), or standard input (`path` is `-`). */
export interface InputSource {
  path: string;
  /** Where its output goes under `--out`: a relative path without extension. */
  name: string;
  /** Only these bytes of the file or URL (a queue job's part of a large WARC, cut at record boundaries). */
  range?: ByteRange;
}

/** One page read from a source, or the reason a part of a source could not be read. */
export interface InputItem {
  page: PageInput;
  /** Relative output name without extension (records of a JSONL or WARC file sit in a folder of its name). */
  name: string;
  /** Set when the input itself is unusable (an invalid JSONL line, a truncated WARC, a page over the size limit). */
  error?: CleanError;
}
