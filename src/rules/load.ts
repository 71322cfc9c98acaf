/**
 * Loads rule files (YAML) from the bundled `rules/` folder and any extra folders, validates each against
 * the schema, and fails with a message that names the file, the line and the field.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import type * as Yaml from 'yaml';
import { RuleError } from '../errors.js';
import { compiledRule } from './compiled.js';
import { patternProblem, rulePatterns } from './patterns.js';
import { ruleSchema } from './schema.js';
import type { RuleFile } from './types.js';

/** Larger than this, a file is not a rule file (the largest bundled one is about 20 KB). */
const MAX_RULE_FILE_BYTES = 1024 * 1024;

/** The rules shipped with the package (`<package root>/rules`). */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export interface RuleSet {
  files: RuleFile[];
  byId: Map<string, RuleFile>;
  generic: RuleFile[];
  /** Phrase files by language. */
  phrases: Map<string, RuleFile[]>;
  platforms: RuleFile[];
  outlets: RuleFile[];
}

export interface LoadRulesOptions {
  /** Extra rule folders, applied over the bundled ones (a later file with the same id replaces an earlier one). */
  dirs?: string[];
  /** Include the bundled rules (default true). */
  bundled?: boolean;
}

// Compiled on first use: a process whose rule files all come from the build's cache never needs it.
// ajv and yaml are loaded on first use too (a tenth of a second of start-up together): a process whose rule files
// all come from the build's cache never parses YAML.
const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
const yamlModule = () => (yaml ??= require('yaml') as typeof Yaml);
let validator: ReturnType<AjvClass['compile']> | undefined;
const validate = (data: unknown) =>
  (validator ??= new (require('ajv') as { Ajv: typeof AjvClass }).Ajv({ allErrors: true, strict: false }).compile(ruleSchema))(data);

/** Lists `.yaml`/`.yml` files under a folder, sorted, recursively. */
export function listRuleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const info = statSync(p);
      if (info.isDirectory()) walk(p);
      // Only regular files: a FIFO or a device named x.yaml would be read forever.
      else if (info.isFile() && /\.ya?ml$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Parses and validates one rule file's text; `file` is used in error messages. */
export function parseRuleFile(text: string, file: string): RuleFile {
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0];
    throw new RuleError(file, `YAML syntax error: ${err.message.split('\n')[0]}`, { line: pos?.line, cause: err });
  }
  const data = doc.toJS() as unknown;
  if (!validate(data)) {
    const err = pickError(validator?.errors ?? []);
    const path = err.instancePath.split('/').slice(1).map(decodePointer);
    const extra = err.keyword === 'additionalProperties' ? String((err.params as { additionalProperty: string }).additionalProperty) : undefined;
    const fieldPath = extra ? [...path, extra] : path;
    const node = nodeAt(doc, extra ? path : path, extra);
    const line = node !== undefined ? lineCounter.linePos(node).line : undefined;
    const field = fieldPath.join('.') || '(root)';
    throw new RuleError(file, describe(err, extra), { line, field });
  }
  const rule = data as RuleFile;
  // Regexes are checked here, once, not on the first page that would run them.
  for (const p of rulePatterns(rule)) {
    const problem = patternProblem(p.source, p.flags);
    if (!problem) continue;
    const node = nodeAt(doc, p.path);
    throw new RuleError(file, `regex /${p.source.slice(0, 80)}/ ${problem}`, { line: node !== undefined ? lineCounter.linePos(node).line : undefined, field: p.path.join('.') });
  }
  return rule;
}

function decodePointer(s: string): string | number {
  const v = s.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** Picks the most telling error: an unknown field or bad enum beats a generic type error higher up. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const order = ['additionalProperties', 'enum', 'required', 'pattern', 'type'];
  return [...errors].sort((a, b) => {
    const ra = order.indexOf(a.keyword);
    const rb = order.indexOf(b.keyword);
    return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb) || b.instancePath.length - a.instancePath.length;
  })[0]!;
}

function describe(err: ErrorObject, extra: string | undefined): string {
  if (extra) return `unknown field "${extra}"`;
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of: ${allowed.join(', ')}`;
  }
  if (err.keyword === 'required') return `missing required field "${(err.params as { missingProperty: string }).missingProperty}"`;
  return err.message ?? 'invalid';
}

/** Offset of the YAML node at a path (the key's node for an unknown key), for line numbers. */
function nodeAt(doc: ReturnType<typeof Yaml.parseDocument>, path: (string | number)[], key?: string): number | undefined {
  const parent = path.length ? doc.getIn(path, true) : doc.contents;
  if (key && parent && typeof parent === 'object' && 'items' in parent) {
    for (const item of (parent as { items: Array<{ key?: unknown }> }).items) {
      const k = item.key;
      if (yamlModule().isNode(k) && (k as { value?: unknown }).value === key) return k.range?.[0];
    }
  }
  if (yamlModule().isNode(parent)) return parent.range?.[0];
  return undefined;
}

/** Loads one file from disk. */
export function loadRuleFile(path: string, root?: string): RuleFile {
  const name = root ? relative(root, path) : path;
  let text: string;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new RuleError(name, 'not a regular file');
    if (info.size > MAX_RULE_FILE_BYTES) throw new RuleError(name, `over ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB: not a rule file`);
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (cause instanceof RuleError) throw cause;
    throw new RuleError(name, 'cannot read rule file', { cause });
  }
  const rule = compiledRule(text) ?? parseRuleFile(text, name);
  rule.source = resolve(path);
  return rule;
}

/** Loads and validates every rule file of the bundled folder and the extra folders. */
export function loadRules(options: LoadRulesOptions = {}): RuleSet {
  const dirs = [...(options.bundled === false ? [] : [BUNDLED_RULES_DIR]), ...(options.dirs ?? [])];
  const byId = new Map<string, RuleFile>();
  for (const dir of dirs) {
    for (const path of listRuleFiles(dir)) {
      const rule = loadRuleFile(path, resolve(dir, '..'));
      byId.set(rule.id, rule);
    }
  }
  return indexRules([...byId.values()]);
}

export function indexRules(files: RuleFile[]): RuleSet {
  const set: RuleSet = { files, byId: new Map(), generic: [], phrases: new Map(), platforms: [], outlets: [] };
  for (const r of files) {
    set.byId.set(r.id, r);
    if (r.kind === 'generic') set.generic.push(r);
    else if (r.kind === 'platform') set.platforms.push(r);
    else if (r.kind === 'outlet') set.outlets.push(r);
    else if (r.kind === 'phrases') {
      const lang = r.lang ?? 'en';
      set.phrases.set(lang, [...(set.phrases.get(lang) ?? []), r]);
    }
  }
  return set;
}
