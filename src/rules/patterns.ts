/**
 * The regexes a rule file carries (`/re/flags` phrases, generator patterns), checked when the file is loaded: each
 * must compile, and none may nest an unbounded quantifier inside another (`(a+)+`, `(\w+\s?)*`), the shape that
 * makes a backtracking engine take exponential time on a short block. A rule that fails is refused at load, with
 * its file, line and field, instead of failing or hanging on every page.
 *
 * What the check does not see: overlapping alternatives under one unbounded quantifier (`(a|a)*`). Phrases are
 * only tried on short blocks, which bounds what such a pattern can cost.
 */
import regjsparser from 'regjsparser';
import { memoize } from '../memo.js';
import type { RuleFile } from './types.js';

/** A phrase that is a regex: `/source/flags`. */
export const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/s;
/** Flags phrase regexes run with (whatever the file gives, plus these; g and y are dropped). */
export const PHRASE_FLAGS = 'giu';

export interface RulePattern {
  /** Where it is in the file, as a field path (`remove.2.phrases.0`). */
  path: (string | number)[];
  source: string;
  flags: string;
}

/** Every regex of a rule file. */
export function rulePatterns(rule: RuleFile): RulePattern[] {
  const out: RulePattern[] = [];
  const phrase = (path: (string | number)[], text: string) => {
    const m = REGEX_ENTRY.exec(text);
    if (m) out.push({ path, source: m[1]!, flags: phraseFlags(m[2]!) });
  };
  rule.remove?.forEach((item, i) => item.phrases?.forEach((p, j) => phrase(['remove', i, 'phrases', j], p)));
  for (const [category, list] of Object.entries(rule.phrases ?? {})) list?.forEach((p, j) => phrase(['phrases', category, j], p));
  rule.fingerprints?.generator?.forEach((g, i) => out.push({ path: ['fingerprints', 'generator', i], source: g, flags: 'i' }));
  // Access prompts run with no flags, on text already lower-cased.
  for (const [kind, list] of Object.entries(rule.prompts ?? {}) as [string, string[] | undefined][]) list?.forEach((p, j) => out.push({ path: ['prompts', kind, j], source: p, flags: '' }));
  return out;
}

export function phraseFlags(own: string): string {
  return `${own.replace(/[gyiu]/g, '')}${PHRASE_FLAGS}`;
}

/**
 * Text of ASCII without capitals (nearly every English block once normalised for matching), on which a pattern
 * matches alike with and without `i` when caselessAlike says so: outside ASCII only the long s and the Kelvin sign
 * fold to an ASCII letter under `iu`, and such text holds neither.
 */
export const FOLD_FREE_TEXT = /^[\0-@[-\x7f]*$/;
/** The characters of fold-free text. */
const FOLD_FREE_CHARS = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).filter((c) => FOLD_FREE_TEXT.test(c));

/** Pattern parts that only arrange others (or, as anchors, read no character of their own). */
const ARRANGING = new Set(['alternative', 'disjunction', 'group', 'quantifier', 'anchor']);
/** Pattern parts that read one character. */
const READING = new Set(['value', 'characterClass', 'characterClassEscape', 'unicodePropertyEscape', 'dot']);

/**
 * Whether a pattern with `i` among its flags finds the same matches without `i` on fold-free text. Each part that
 * reads a character (a letter, a class, an escape, a dot) is asked of the engine itself, both ways, on every
 * character of such text: `s` reads "s" alike, `S` or `[A-Z]` do not. A back-reference compares case-blind, so a
 * pattern with one is never alike. Anchors read no character; under `iu` the word characters `\b` looks at also
 * take the long s and the Kelvin sign, which fold-free text does not hold.
 */
export function caselessAlike(source: string, flags: string): boolean {
  return caselessAlikeMemo(`${flags}/${source}`);
}

// Every page's phrase matcher asks it of the same phrase files' patterns.
const caselessAlikeMemo = memoize(10000, (key: string): boolean => {
  const cut = key.indexOf('/');
  return patternCaselessAlike(key.slice(cut + 1), key.slice(0, cut));
});

function patternCaselessAlike(source: string, flags: string): boolean {
  const blindFlags = flags.replace(/[gy]/g, '');
  const cased = blindFlags.replace('i', '');
  const alike = (node: Node): boolean => {
    if (READING.has(node.type)) return readsAlike(node.raw ?? '', blindFlags);
    if (!ARRANGING.has(node.type)) return false;
    const children = Array.isArray(node.body) ? (node.body as Node[]) : node.body && typeof node.body === 'object' ? [node.body as Node] : [];
    return children.every(alike);
  };
  try {
    return alike(regjsparser.parse(source, cased, { unicodePropertyEscape: true, namedGroups: true, lookbehind: true }) as Node);
  } catch {
    return false;
  }
}

/** Whether one part of a pattern reads every fold-free character alike with its flags and without `i`. */
const readsAlike = (raw: string, flags: string): boolean => readsAlikeMemo(`${flags}/${raw}`);
// The same few parts (letters, spaces, \b, \d+) recur across every phrase file.
const readsAlikeMemo = memoize(10000, (key: string): boolean => {
  const cut = key.indexOf('/');
  const flags = key.slice(0, cut);
  const raw = key.slice(cut + 1);
  try {
    const blind = new RegExp(`^(?:${raw})$`, flags);
    const exact = new RegExp(`^(?:${raw})$`, flags.replace('i', ''));
    return FOLD_FREE_CHARS.every((c) => blind.test(c) === exact.test(c));
  } catch {
    return false;
  }
});

/** Why a pattern is refused, or undefined when it is fine. */
export function patternProblem(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (err) {
    return `does not compile: ${(err as Error).message}`;
  }
  let ast: regjsparser.AstNode<regjsparser.Features>;
  try {
    ast = regjsparser.parse(source, flags.replace(/[gy]/g, ''), { unicodePropertyEscape: true, namedGroups: true, lookbehind: true });
  } catch (err) {
    return `cannot be checked: ${(err as Error).message}`;
  }
  const nested = nestedUnbounded(ast, false);
  return nested ? `nests an unbounded quantifier inside another (${nested}): it can backtrack for exponential time` : undefined;
}

type Node = { type: string; body?: unknown; max?: number; raw?: string };

/** The raw text of an unbounded quantifier found inside another, if any. */
function nestedUnbounded(node: Node, inside: boolean): string | undefined {
  const unbounded = node.type === 'quantifier' && node.max === undefined;
  if (unbounded && inside) return node.raw;
  const children = Array.isArray(node.body) ? (node.body as Node[]) : node.body && typeof node.body === 'object' ? [node.body as Node] : [];
  for (const c of children) {
    const found = nestedUnbounded(c, inside || unbounded);
    if (found) return found;
  }
  return undefined;
}
