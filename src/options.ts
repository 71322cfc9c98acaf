/** Checks a caller's options before any work, so a wrong type fails at once by name instead of being ignored. */
import { OptionError } from './errors.js';
import type { CleanOptions } from './types.js';

const DOMS: readonly string[] = ['jsdom', 'linkedom'];

/** Throws an OptionError for the first `clean()` option that is set to something it cannot be. */
export function checkCleanOptions(options: CleanOptions): void {
  if (options === null || typeof options !== 'object') throw new OptionError('options', 'expected an object');
  const { dom, rulesDirs, rulesOnly, outletRules, maxBytes, explain, disable } = options as Record<keyof CleanOptions, unknown>;
  if (dom !== undefined && !DOMS.includes(dom as string)) throw new OptionError('dom', `expected 'jsdom' or 'linkedom', got ${show(dom)}`);
  if (rulesDirs !== undefined && !(Array.isArray(rulesDirs) && rulesDirs.every((d) => typeof d === 'string' && d !== ''))) {
    throw new OptionError('rulesDirs', `expected an array of folder paths, got ${show(rulesDirs)}`);
  }
  if (disable !== undefined && !(Array.isArray(disable) && disable.every((d) => typeof d === 'string' && d !== ''))) {
    throw new OptionError('disable', `expected an array of rule item names (like "generic#sidebar"), got ${show(disable)}`);
  }
  checkBoolean('rulesOnly', rulesOnly);
  checkBoolean('outletRules', outletRules);
  checkBoolean('explain', explain);
  checkNumber('maxBytes', maxBytes, { min: 1 });
  const { logger } = options as { logger?: unknown };
  if (logger !== undefined && (logger === null || typeof (logger as { debug?: unknown }).debug !== 'function')) {
    throw new OptionError('logger', `expected a pino-compatible logger (debug, info, warn, error), got ${show(logger)}`);
  }
}

/** A number option: finite, at least `min`, and whole when `integer`. */
export function checkNumber(option: string, value: unknown, rule: { min: number; integer?: boolean }): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && (!rule.integer || Number.isInteger(value));
  if (!ok) throw new OptionError(option, `expected ${rule.integer ? 'a whole number' : 'a number'} of at least ${rule.min}, got ${show(value)}`);
}

function checkBoolean(option: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw new OptionError(option, `expected true or false, got ${show(value)}`);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return Array.isArray(value) ? 'an array of other things' : typeof value;
}
