/**
 * Logging: the library takes a pino-compatible `logger` and logs nothing without one. With a logger at
 * `debug`, every cleaned page gets one line: id, ms, words, removals by category, comments, access.
 */
import { countWords } from './words.js';
import type { CleanResult } from './types.js';

type LogFn = (fields: object, message?: string) => void;

/** The part of a pino logger declutter calls (a pino logger, or one of its children, fits). */
export interface Logger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  /** Lets a page's counts be skipped when debug lines would be dropped anyway. */
  isLevelEnabled?(level: string): boolean;
}

/** One debug line for a cleaned (or failed) page. */
export function logPage(logger: Logger | undefined, result: CleanResult, ms: number): void {
  if (!logger || logger.isLevelEnabled?.('debug') === false) return;
  const fields = { id: result.id, ms: Math.round(ms * 10) / 10 };
  if (result.error) {
    logger.debug({ ...fields, error: result.error.code }, 'page failed');
    return;
  }
  const removed: Record<string, number> = {};
  for (const r of result.removed) removed[r.category] = (removed[r.category] ?? 0) + 1;
  logger.debug(
    { ...fields, words: countWords(result.text), removed, comments: result.comments.items.length, access: result.access.state },
    'page cleaned',
  );
}
