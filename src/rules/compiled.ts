/**
 * Rule files parsed at build time. Parsing and validating the bundled YAML takes about half a second, paid by
 * every process and every worker thread; the build writes each valid file's parsed form keyed by a hash of its
 * text, and loading takes a file's parsed form only when its text is byte for byte the one compiled. An edited
 * or extra rule file has no entry and is parsed as before, so the cache can be stale but never wrong.
 *
 *   scripts/compile-rules.ts      (run by `npm run build`) writes dist/rules.compiled.json
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { RuleFile } from './types.js';

export const COMPILED_RULES_FILE = fileURLToPath(new URL('../rules.compiled.json', import.meta.url));

/** Parsed rule files (as JSON text) by the hash of their YAML text; read once per process. */
let compiled: Map<string, string> | undefined;

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function readCompiled(): Map<string, string> {
  if (compiled) return compiled;
  compiled = new Map();
  try {
    if (existsSync(COMPILED_RULES_FILE)) {
      const entries = JSON.parse(readFileSync(COMPILED_RULES_FILE, 'utf8')) as Record<string, unknown>;
      for (const [hash, rule] of Object.entries(entries)) compiled.set(hash, JSON.stringify(rule));
    }
  } catch {
    /* an unreadable cache is no cache: every file is parsed */
  }
  return compiled;
}

/** The parsed form of a rule file's text, when the build compiled this exact text. A fresh copy each call. */
export function compiledRule(text: string): RuleFile | undefined {
  const json = readCompiled().get(hashOf(text));
  return json === undefined ? undefined : (JSON.parse(json) as RuleFile);
}

/** Writes the cache for rule files already parsed and validated (`texts[i]` parsed to `rules[i]`). */
export function writeCompiled(texts: string[], rules: RuleFile[], file = COMPILED_RULES_FILE): number {
  const out: Record<string, unknown> = {};
  texts.forEach((text, i) => {
    const { source: _source, ...rule } = rules[i]!;
    // Only what survives JSON unchanged is cached (a YAML date or a non-finite number would not).
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(rule)), rule)) out[hashOf(text)] = rule;
  });
  writeFileSync(file, `${JSON.stringify(out)}\n`);
  return Object.keys(out).length;
}
