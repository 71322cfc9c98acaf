/** Error records: what batch and stream callers get instead of an exception, one per failed input. */
import { emptyResult } from '../result.js';
import { DeclutterError, isErrorCode } from '../errors.js';
import type { CleanError, CleanResult, PageInput } from '../types.js';

/** A result with every field empty and `error` set, so consumers can treat all records alike. */
export function errorRecord(page: Pick<PageInput, 'id' | 'url'> | undefined, error: CleanError): CleanResult {
  return emptyResult(page, error);
}

/** The `{code, message}` of anything thrown; other failures get `CLEAN_FAILED`, their own code kept in the message. */
export function toCleanError(err: unknown): CleanError {
  if (err instanceof DeclutterError) return { code: err.code, message: err.message };
  const code: unknown = (err as { code?: unknown } | undefined)?.code;
  const message = firstLine(err instanceof Error ? err.message : String(err));
  if (isErrorCode(code)) return { code, message };
  return { code: 'CLEAN_FAILED', message: typeof code === 'string' ? `${code}: ${message}` : message };
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

