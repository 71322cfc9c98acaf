/**
 * The public API, and nothing else: cleaning (one page, a stream of pages), the result's types, the error
 * codes and classes, and `explain` / `decodeHtml` for callers that show or feed results. Rule loading and the
 * rule tools are the CLI's (`declutter rules ...`); everything else is internal and may change.
 */
export type * from './types.js';
export { CATEGORIES } from './types.js';
export { clean, createCleaner, type Cleaner } from './clean.js';
export { explain } from './explain.js';
export { DeclutterError, ERROR_CODES, isErrorCode, OptionError, RuleError, type ErrorCode } from './errors.js';
export type { Logger } from './log.js';
export type { RuleSet } from './rules/load.js';
export type { RuleFile } from './rules/types.js';
export { decodeHtml } from './decode.js';
export { cleanStream, type StreamOptions } from './stream.js';
