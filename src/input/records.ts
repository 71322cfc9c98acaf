/** Error records: what batch and stream callers get instead of an exception, one per failed input. */
import { DEFAULT_MAX_BYTES, emptyResult } from '../clean.js';
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

/** Size of a page's content in bytes (strings are measured as UTF-8). */
export function pageBytes(page: PageInput): number {
  const body: unknown = page.html ?? page.text;
  if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
  return body instanceof Uint8Array ? body.byteLength : 0;
}

export { DEFAULT_MAX_BYTES };

export const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The TOO_LARGE error for a page over the limit, or undefined when it fits. */
export function sizeError(bytes: number, maxBytes = DEFAULT_MAX_BYTES): CleanError | undefined {
  if (bytes <= maxBytes) return undefined;
  return { code: 'TOO_LARGE', message: `page is ${megabytes(bytes)}, over the ${megabytes(maxBytes)} limit` };
}

/** The TOO_LARGE error for something read only up to the limit, whose full size is not known (`what` names it). */
export function overLimitError(what: string, maxBytes: number): CleanError {
  return { code: 'TOO_LARGE', message: `${what} is over the ${megabytes(maxBytes)} limit` };
}
