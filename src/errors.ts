/**
 * Every code declutter sets, on error records (`result.error.code`) and on thrown errors (`err.code`), each
 * explained once in the README (Error codes). One per line, sorted: adding a code is a one-line change.
 */
export const ERROR_CODES = [
  'BAD_URL',
  'BINARY_INPUT',
  'CLEAN_FAILED',
  'EMPTY_INPUT',
  'GZIP_TRUNCATED',
  'INPUT_NOT_FOUND',
  'INVALID_GZIP',
  'INVALID_INPUT',
  'INVALID_JSONL',
  'INVALID_OPTION',
  'INVALID_WARC',
  'NOT_A_FILE',
  'NO_ARTICLE',
  'NO_PAGES',
  'OUTPUT_FAILED',
  'OUTPUT_IS_INPUT',
  'OUTPUT_OUTSIDE',
  'POOL_CLOSED',
  'READ_FAILED',
  'RULES_MISMATCH',
  'RULE_EXISTS',
  'RULE_INVALID',
  'TIMEOUT',
  'TOO_COMPLEX',
  'TOO_LARGE',
  'USAGE',
  'WARC_TRUNCATED',
  'WORKER_FAILED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN = new Set<string>(ERROR_CODES);

/** Whether a value is one of declutter's codes (a Node or library error carries codes of its own). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}

/** Errors with a stable `code`, so batch and stream callers can count and route them. */
export class DeclutterError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeclutterError';
    this.code = code;
  }
}

/** A rule file that does not parse or does not fit the schema; the message names file, line and field. */
export class RuleError extends DeclutterError {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  constructor(file: string, message: string, details: { line?: number; field?: string; cause?: unknown } = {}) {
    const where = `${file}${details.line ? `:${details.line}` : ''}${details.field ? ` (field ${details.field})` : ''}`;
    super('RULE_INVALID', `${where}: ${message}`, { cause: details.cause });
    this.name = 'RuleError';
    this.file = file;
    this.line = details.line;
    this.field = details.field;
  }
}

/** An option of the wrong type or out of range (`dom: 'bogus'`, `maxBytes: NaN`): thrown at once, by name. */
export class OptionError extends DeclutterError {
  readonly option: string;
  constructor(option: string, message: string) {
    super('INVALID_OPTION', `option ${option}: ${message}`);
    this.name = 'OptionError';
    this.option = option;
  }
}
