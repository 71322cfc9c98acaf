/**
 * The page-size limit, in one place: the default, how a page is measured, and the two TOO_LARGE messages (a
 * page whose size is known, and something read only up to the limit). The cleaner checks every page with
 * `pageSizeError`; the worker pool checks before it posts a page to a thread; the input readers use the same
 * messages for files and records, which they read no further than the limit.
 */
import type { CleanError, PageInput } from './types.js';

/** Pages over this many bytes are not cleaned (CleanOptions.maxBytes). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Size of a page's content in bytes (strings are measured as UTF-8). */
export function pageBytes(page: PageInput): number {
  const body: unknown = page.html ?? page.text;
  if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
  return body instanceof Uint8Array ? body.byteLength : 0;
}

/** The TOO_LARGE error for a size over the limit, or undefined when it fits. */
export function sizeError(bytes: number, maxBytes = DEFAULT_MAX_BYTES): CleanError | undefined {
  if (bytes <= maxBytes) return undefined;
  return { code: 'TOO_LARGE', message: `page is ${megabytes(bytes)}, over the ${megabytes(maxBytes)} limit` };
}

/** The page-size check: the TOO_LARGE error for a page over the limit, or undefined when it fits. */
export function pageSizeError(page: PageInput, maxBytes = DEFAULT_MAX_BYTES): CleanError | undefined {
  return sizeError(pageBytes(page), maxBytes);
}

/** The TOO_LARGE error for something read only up to the limit, whose full size is not known (`what` names it). */
export function overLimitError(what: string, maxBytes: number): CleanError {
  return { code: 'TOO_LARGE', message: `${what} is over the ${megabytes(maxBytes)} limit` };
}
