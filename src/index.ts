export type * from './types.js';
export { CATEGORIES } from './types.js';
export { clean, createCleaner, sharedCleaner, type Cleaner } from './clean.js';
export { explain } from './explain.js';
export { DeclutterError, ERROR_CODES, isErrorCode, OptionError, RuleError, type ErrorCode } from './errors.js';
export { loadRules, parseRuleFile, type RuleSet } from './rules/load.js';
export type { RuleFile } from './rules/types.js';
export { decodeHtml } from './decode.js';
export { cleanStream, type StreamOptions } from './stream.js';
